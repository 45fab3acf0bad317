// Radar Customer Evaluations as Stripe's private-preview SDKs declare them. No installable
// package carries these types, so they are transcribed here, member for member, from
// stripe/stripe-node `src/resources/Radar/CustomerEvaluations.ts`, the private-preview
// generation released in stripe-node 22.3.0-alpha.1 (pull request 2724: "Remove support for
// `login_failed`, `registration_failed`, `registration_success`, and `type` on
// `Radar.CustomerEvaluationUpdateParams`"; `status` and `retrieve` came with the same generation).
// stripe-python's and stripe-ruby's private-preview params for the same resource agree.
// Where the SDK has an attribute of the object optional, Stripe's API reference ("The Customer
// Evaluation object") documents it as nullable, and so does stripe/stripe-php
// `lib/Radar/CustomerEvaluation.php` (`null|string $customer`, `null|string $status`): those
// attributes are `| null` here (customer, status, the events' failure hashes, the signals and
// their risk_level).

type OtherString = string & Record<never, never>;

export interface CustomerEvaluation {
  id: string;
  object: "radar.customer_evaluation";
  created_at: number;
  customer?: string | null;
  event_type: CustomerEvaluation.EventType;
  events: Array<CustomerEvaluation.Event> | null;
  livemode: boolean;
  signals: CustomerEvaluation.Signals | null;
  status?: string | null;
}

export declare namespace CustomerEvaluation {
  type EventType = "login" | "registration";
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
    type RiskLevel = "elevated" | "highest" | "low" | "normal" | "not_assessed" | "unknown";
    interface AccountSharing {
      evaluated_at: number;
      risk_level?: RiskLevel | null;
      score: number;
    }
    interface MultiAccounting {
      evaluated_at: number;
      risk_level?: RiskLevel | null;
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
      data?: ClientDetails.Data;
      /** Required unless data is provided. */
      radar_session?: string;
    }
    namespace ClientDetails {
      interface Data {
        ip: string;
        referrer?: string;
        user_agent?: string;
      }
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
  customer?: string;
  expand?: Array<string>;
  status?: CustomerEvaluationUpdateParams.Status;
}

export declare namespace CustomerEvaluationUpdateParams {
  type Status = "allowed" | "blocked" | "restricted" | OtherString;
}
