// Radar Customer Evaluations at the preview version `2026-03-04.preview`, where an outcome is
// reported with `type`. Transcribed, member for member, from stripe/stripe-node
// `types/Radar/CustomerEvaluationsResource.d.ts` and `types/Radar/CustomerEvaluations.d.ts`
// (the private-preview generation before 22.3.0-alpha.1, which removed `type`), as Stripe's
// API reference for `/v1/radar/customer_evaluations/{id}/report` documents it. The attributes the
// API reference ("The Customer Evaluation object") documents as nullable are `| null` here.

export interface CustomerEvaluation {
  id: string;
  object: "radar.customer_evaluation";
  created_at: number;
  customer?: string | null;
  event_type: string;
  events: Array<CustomerEvaluation.Event> | null;
  livemode: boolean;
  signals: CustomerEvaluation.Signals | null;
}

export declare namespace CustomerEvaluation {
  interface Event {
    login_failed?: Event.LoginFailed | null;
    occurred_at: number;
    registration_failed?: Event.RegistrationFailed | null;
    type: string;
  }
  interface Signals {
    account_sharing?: Signals.AccountSharing | null;
    multi_accounting?: Signals.MultiAccounting | null;
  }
  namespace Event {
    interface LoginFailed {
      reason: string;
    }
    interface RegistrationFailed {
      reason: string;
    }
  }
  namespace Signals {
    interface AccountSharing {
      evaluated_at: number;
      risk_level?: string | null;
      score: number;
    }
    interface MultiAccounting {
      evaluated_at: number;
      risk_level?: string | null;
      score: number;
    }
  }
}

export interface CustomerEvaluationCreateParams {
  evaluation_context: Array<CustomerEvaluationCreateParams.EvaluationContext>;
  event_type: CustomerEvaluationCreateParams.EventType;
  expand?: Array<string>;
}

export declare namespace CustomerEvaluationCreateParams {
  type EventType = "login" | "registration";
  interface EvaluationContext {
    client_details?: EvaluationContext.ClientDetails;
    customer_details?: EvaluationContext.CustomerDetails;
    type: EvaluationContext.Type;
  }
  namespace EvaluationContext {
    type Type = "client_details" | "customer_details";
    interface ClientDetails {
      radar_session: string;
    }
    interface CustomerDetails {
      customer?: string;
      customer_data?: CustomerDetails.CustomerData;
    }
    namespace CustomerDetails {
      interface CustomerData {
        email?: string;
        name?: string;
        phone?: string;
      }
    }
  }
}

export interface CustomerEvaluationRetrieveParams {
  expand?: Array<string>;
}

export interface CustomerEvaluationUpdateParams {
  type: CustomerEvaluationUpdateParams.Type;
  expand?: Array<string>;
  login_failed?: CustomerEvaluationUpdateParams.LoginFailed;
  registration_failed?: CustomerEvaluationUpdateParams.RegistrationFailed;
  registration_success?: CustomerEvaluationUpdateParams.RegistrationSuccess;
}

export declare namespace CustomerEvaluationUpdateParams {
  type Type = "login_failed" | "login_success" | "registration_failed" | "registration_success";
  interface LoginFailed {
    reason: LoginFailed.Reason;
  }
  interface RegistrationFailed {
    reason: RegistrationFailed.Reason;
  }
  interface RegistrationSuccess {
    customer?: string;
  }
  namespace LoginFailed {
    type Reason = "other" | "suspected_account_sharing";
  }
  namespace RegistrationFailed {
    type Reason = "other" | "suspected_multi_accounting";
  }
}
