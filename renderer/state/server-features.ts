/** What an account's server offers (Account settings → Server features): asked when shown, never kept. */
import type { AccountId, Result, ServerFeatures } from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import { call } from './actions.ts';

export const getServerFeatures = (account: AccountId): Promise<Result<ServerFeatures>> => call(() => getApi().getServerFeatures({ account }));
