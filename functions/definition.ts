/**
 * A function's definition as data: the name, the trigger and its options (handler included).
 * functions/index.ts registers every definition with @azure/functions; the local host in dev/
 * serves the very same definitions, so what runs locally is what runs in Azure.
 */
import type {
  HttpFunctionOptions,
  StorageQueueFunctionOptions,
  TimerFunctionOptions,
} from '@azure/functions';

export type FunctionDefinition =
  | { name: string; trigger: 'http'; options: HttpFunctionOptions }
  | { name: string; trigger: 'storageQueue'; options: StorageQueueFunctionOptions }
  | { name: string; trigger: 'timer'; options: TimerFunctionOptions };
