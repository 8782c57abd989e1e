import { GetApplicationFormController } from './applications/queries/get-application-form/get-application-form.http.controller';
import { GetApplicationFormQuery } from './applications/queries/get-application-form/get-application-form.query';
import { ApplicationReview } from './applications/commands/application-review';
import { ApproveApplicationController } from './applications/commands/approve-application/approve-application.http.controller';
import { ApproveApplicationHandler } from './applications/commands/approve-application/approve-application.handler';
import { BulkReviewApplicationsController } from './applications/commands/bulk-review-applications/bulk-review-applications.http.controller';
import { BulkReviewApplicationsHandler } from './applications/commands/bulk-review-applications/bulk-review-applications.handler';
import { RejectApplicationController } from './applications/commands/reject-application/reject-application.http.controller';
import { RejectApplicationHandler } from './applications/commands/reject-application/reject-application.handler';
import { SubmitApplicationController } from './applications/commands/submit-application/submit-application.http.controller';
import { SubmitApplicationHandler } from './applications/commands/submit-application/submit-application.handler';
import { ApplicationSubmitRateGuard } from './applications/commands/submit-application/submit-rate.guard';
import { GetApplicationController } from './applications/queries/get-application/get-application.http.controller';
import { GetApplicationQuery } from './applications/queries/get-application/get-application.query';
import { ListApplicationsController } from './applications/queries/list-applications/list-applications.http.controller';
import { ListApplicationsQuery } from './applications/queries/list-applications/list-applications.query';
import { Module } from '@nestjs/common';
import { ChangeCampaignStatusController } from './campaigns/commands/change-campaign-status/change-campaign-status.http.controller';
import { ChangeCampaignStatusHandler } from './campaigns/commands/change-campaign-status/change-campaign-status.handler';
import { CreateCampaignController } from './campaigns/commands/create-campaign/create-campaign.http.controller';
import { CreateCampaignHandler } from './campaigns/commands/create-campaign/create-campaign.handler';
import { RecordCampaignCostController } from './campaigns/commands/record-campaign-cost/record-campaign-cost.http.controller';
import { RecordCampaignCostHandler } from './campaigns/commands/record-campaign-cost/record-campaign-cost.handler';
import { UpdateCampaignRulesController } from './campaigns/commands/update-campaign-rules/update-campaign-rules.http.controller';
import { UpdateCampaignRulesHandler } from './campaigns/commands/update-campaign-rules/update-campaign-rules.handler';
import { GetCampaignController } from './campaigns/queries/get-campaign/get-campaign.http.controller';
import { GetCampaignQuery } from './campaigns/queries/get-campaign/get-campaign.query';
import { ListCampaignsController } from './campaigns/queries/list-campaigns/list-campaigns.http.controller';
import { ListCampaignsQuery } from './campaigns/queries/list-campaigns/list-campaigns.query';
import { DeactivateCodeController } from './codes/commands/deactivate-code/deactivate-code.http.controller';
import { DeactivateCodeHandler } from './codes/commands/deactivate-code/deactivate-code.handler';
import { IssueCodeController } from './codes/commands/issue-code/issue-code.http.controller';
import { IssueCodeHandler } from './codes/commands/issue-code/issue-code.handler';
import { ListCodesController } from './codes/queries/list-codes/list-codes.http.controller';
import { ListCodesQuery } from './codes/queries/list-codes/list-codes.query';
import { ShareLinks } from './codes/share-links';
import { ChangeInfluencerStatusController } from './influencers/commands/change-influencer-status/change-influencer-status.http.controller';
import { ChangeInfluencerStatusHandler } from './influencers/commands/change-influencer-status/change-influencer-status.handler';
import { RegisterInfluencerController } from './influencers/commands/register-influencer/register-influencer.http.controller';
import { RegisterInfluencerHandler } from './influencers/commands/register-influencer/register-influencer.handler';
import { GetInfluencerController } from './influencers/queries/get-influencer/get-influencer.http.controller';
import { GetInfluencerQuery } from './influencers/queries/get-influencer/get-influencer.query';
import { ListInfluencersController } from './influencers/queries/list-influencers/list-influencers.http.controller';
import { ListInfluencersQuery } from './influencers/queries/list-influencers/list-influencers.query';
import { OwnProgramWrites } from './shared/own-program-writes';
import { SetPayoutMethodController } from './influencers/commands/set-payout-method/set-payout-method.http.controller';
import { SetPayoutMethodHandler } from './influencers/commands/set-payout-method/set-payout-method.handler';

/**
 * Programs over HTTP: campaigns (versioned rules, status, costs), influencer profiles, codes,
 * applications (public intake, review).
 * Commands decide on their streams; queries read the program_* read models (programsProjections).
 */
@Module({
  controllers: [
    CreateCampaignController,
    UpdateCampaignRulesController,
    ChangeCampaignStatusController,
    RecordCampaignCostController,
    GetCampaignController,
    ListCampaignsController,
    RegisterInfluencerController,
    ChangeInfluencerStatusController,
    GetInfluencerController,
    ListInfluencersController,
    IssueCodeController,
    DeactivateCodeController,
    ListCodesController,
    SubmitApplicationController,
    ApproveApplicationController,
    RejectApplicationController,
    BulkReviewApplicationsController,
    ListApplicationsController,
    GetApplicationController,
    GetApplicationFormController,
    SetPayoutMethodController,
  ],
  providers: [
    OwnProgramWrites,
    CreateCampaignHandler,
    UpdateCampaignRulesHandler,
    ChangeCampaignStatusHandler,
    RecordCampaignCostHandler,
    GetCampaignQuery,
    ListCampaignsQuery,
    RegisterInfluencerHandler,
    ChangeInfluencerStatusHandler,
    GetInfluencerQuery,
    ListInfluencersQuery,
    ShareLinks,
    IssueCodeHandler,
    DeactivateCodeHandler,
    ListCodesQuery,
    ApplicationSubmitRateGuard,
    SubmitApplicationHandler,
    ApplicationReview,
    ApproveApplicationHandler,
    RejectApplicationHandler,
    BulkReviewApplicationsHandler,
    ListApplicationsQuery,
    GetApplicationQuery,
    GetApplicationFormQuery,
    SetPayoutMethodHandler,
  ],
})
export class ProgramsHttpModule {}
