/** What the directory and administration dialogs call, through the contract. */
import type {
  AccountId, AdHocCommand, AdHocStep, DataFormValues, DirectoryForm, DirectoryResults, ExecuteCommandRequest, Jid, Result,
} from '../../app/shared/contract.ts';
import { getApi } from '../api.ts';
import { call } from './actions.ts';

export const directoryForm = (account: AccountId): Promise<Result<DirectoryForm>> => call(() => getApi().getDirectoryForm({ account }));

export const searchDirectory = (account: AccountId, service: Jid, values: DataFormValues): Promise<Result<DirectoryResults>> =>
  call(() => getApi().searchDirectory({ account, service, values }));

export const listCommands = (account: AccountId): Promise<Result<readonly AdHocCommand[]>> => call(() => getApi().listCommands({ account }));

export const executeCommand = (request: ExecuteCommandRequest): Promise<Result<AdHocStep>> => call(() => getApi().executeCommand(request));
