export { earningStream, influencerStream } from '../../ledger-streams';
