/** The shape of the API table: one handler per channel, given the validated arguments and who asked. */
import type { ArgsOf, ChannelName, ResultOf } from '../../shared/api';
import type { Origin } from '../events';

export type Handler<C extends ChannelName> = (args: ArgsOf<C>, origin: Origin) => Promise<ResultOf<C>> | ResultOf<C>;

export type Handlers = { [C in ChannelName]: Handler<C> };
