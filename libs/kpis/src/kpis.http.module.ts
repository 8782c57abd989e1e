import { Module } from '@nestjs/common';
import { AttributionKpiController } from './kpis/queries/attribution-kpi/attribution-kpi.http.controller';
import { CodesKpiController } from './kpis/queries/codes-kpi/codes-kpi.http.controller';
import { EarningsKpiController } from './kpis/queries/earnings-kpi/earnings-kpi.http.controller';
import { FraudKpiController } from './kpis/queries/fraud-kpi/fraud-kpi.http.controller';
import { RewardsKpiController } from './kpis/queries/rewards-kpi/rewards-kpi.http.controller';
import { RoiKpiController } from './kpis/queries/roi-kpi/roi-kpi.http.controller';

/** KPIs over HTTP: kpi/attribution | earnings | roi | codes | fraud | rewards (read from the `kpi` projection's facts). */
@Module({ controllers: [AttributionKpiController, EarningsKpiController, RoiKpiController, CodesKpiController, FraudKpiController, RewardsKpiController] })
export class KpisHttpModule {}
