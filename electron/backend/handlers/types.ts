// Handler types shared by the per-noun handler files and the composed table.
import type { ApiName, ApiParsedArgs, ApiResults } from '../../../core/api.ts';

export type Handler<N extends ApiName> = (args: ApiParsedArgs<N>) => ApiResults[N] | Promise<ApiResults[N]>;
export type Handlers = { [N in ApiName]: Handler<N> };
