export {
  type ContractCoverage,
  checkCalls,
  emptyCoverage,
  formatCoverage,
  type LoggedCall,
  readEmulatorLog,
} from "./check-calls.ts";
export { OPERATIONS, type Operation } from "./operations.ts";
export { ContractValidator, type Violation } from "./validator.ts";
