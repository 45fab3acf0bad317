/*
 * Stand-in Stripe.js served by the Stripe emulator at /v3/. It defines window.Stripe with the
 * parts of Stripe.js this project uses, talking to the emulator that served it. Card fields are
 * plain inputs instead of Stripe's iframes.
 */
(() => {
  const script = document.currentScript;
  const apiBase = script?.src ? new URL(script.src).origin : window.location.origin;
  const DEVICE_ID_KEY = "__stripe_emulator_device_id";
  const THREE_DS_KEY = "__stripe_emulator_3ds";

  function storedDeviceId() {
    try {
      let id = window.localStorage.getItem(DEVICE_ID_KEY);
      if (!id) {
        id = `dev_${crypto.randomUUID().replace(/-/g, "")}`;
        window.localStorage.setItem(DEVICE_ID_KEY, id);
      }
      return id;
    } catch {
      return undefined;
    }
  }

  /** Stripe's form encoding: nested objects and arrays become bracketed keys. */
  function encode(params, prefix, out) {
    const parts = out || [];
    for (const [key, value] of Object.entries(params || {})) {
      if (value === undefined || value === null) continue;
      const name = prefix ? `${prefix}[${key}]` : key;
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          if (item !== null && typeof item === "object") encode(item, `${name}[${index}]`, parts);
          else parts.push(`${encodeURIComponent(`${name}[${index}]`)}=${encodeURIComponent(item)}`);
        });
      } else if (typeof value === "object") {
        encode(value, name, parts);
      } else {
        parts.push(`${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`);
      }
    }
    return parts.join("&");
  }

  function connectionError(error) {
    return {
      error: {
        type: "api_connection_error",
        message: `Could not reach the Stripe emulator at ${apiBase}: ${error?.message || error}`,
      },
    };
  }

  async function call(key, method, path, params, json) {
    const headers = { Authorization: `Bearer ${key}` };
    let url = apiBase + path;
    let body;
    if (json) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(params);
    } else if (method === "GET") {
      const query = encode(params);
      if (query) url += `?${query}`;
    } else {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = encode(params);
    }
    try {
      const response = await fetch(url, { method, headers, body });
      const data = await response.json();
      return response.ok
        ? { data }
        : { error: data.error || { type: "api_error", message: "Error" } };
    } catch (error) {
      return connectionError(error);
    }
  }

  function intentIdFrom(clientSecret) {
    const match = /^(pi_[A-Za-z0-9]+)_secret_/.exec(String(clientSecret || ""));
    return match ? match[1] : null;
  }

  const brandOf = (number) =>
    /^3[47]/.test(number)
      ? "amex"
      : /^(5[1-5]|2[2-7])/.test(number)
        ? "mastercard"
        : /^6/.test(number)
          ? "discover"
          : /^4/.test(number)
            ? "visa"
            : "unknown";

  function luhn(number) {
    let sum = 0;
    let double = false;
    for (let i = number.length - 1; i >= 0; i--) {
      let digit = Number(number[i]);
      if (double) {
        digit *= 2;
        if (digit > 9) digit -= 9;
      }
      sum += digit;
      double = !double;
    }
    return sum % 10 === 0;
  }

  function validationError(code, message, param) {
    return { type: "validation_error", code, message, param };
  }

  /** Stripe.js's client-side checks, with its codes and messages. */
  function validateCard(values) {
    const number = values.number.replace(/\D/g, "");
    if (!number)
      return validationError("incomplete_number", "Your card number is incomplete.", "number");
    if (number.length < 13) {
      return validationError("incomplete_number", "Your card number is incomplete.", "number");
    }
    if (!luhn(number))
      return validationError("invalid_number", "Your card number is invalid.", "number");
    const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(values.expiry);
    if (!expiry)
      return validationError(
        "incomplete_expiry",
        "Your card's expiration date is incomplete.",
        "exp_date",
      );
    const month = Number(expiry[1]);
    const year = expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
    const now = new Date();
    if (month < 1 || month > 12) {
      return validationError(
        "invalid_expiry_month",
        "Your card's expiration date is invalid.",
        "exp_date",
      );
    }
    if (year < now.getFullYear() || (year === now.getFullYear() && month < now.getMonth() + 1)) {
      return validationError(
        "invalid_expiry_year_past",
        "Your card's expiration year is in the past.",
        "exp_date",
      );
    }
    if (!/^\d{3,4}$/.test(values.cvc.trim())) {
      return validationError("incomplete_cvc", "Your card's security code is incomplete.", "cvc");
    }
    return null;
  }

  function createCardElement(type, options) {
    const handlers = {};
    const state = { container: null, inputs: null, options: options || {} };
    const emit = (event, payload) => {
      for (const handler of handlers[event] || []) handler(payload);
    };
    const values = () => ({
      number: state.inputs ? state.inputs.number.value : "",
      expiry: state.inputs ? state.inputs.expiry.value : "",
      cvc: state.inputs ? state.inputs.cvc.value : "",
      postalCode: state.inputs ? state.inputs.postal.value : "",
    });
    const changeEvent = () => {
      const current = values();
      const number = current.number.replace(/\D/g, "");
      const error = validateCard(current);
      return {
        elementType: type,
        empty: !current.number && !current.expiry && !current.cvc && !current.postalCode,
        complete: !error,
        brand: brandOf(number),
        value: { postalCode: current.postalCode },
        error: error && number.length >= 13 && error.code === "invalid_number" ? error : undefined,
      };
    };
    const input = (name, placeholder, autocomplete) => {
      const field = document.createElement("input");
      field.name = name;
      field.placeholder = placeholder;
      field.autocomplete = autocomplete;
      field.setAttribute("data-stripe-emulator", name);
      field.style.cssText =
        "flex:1;min-width:4rem;padding:6px;border:1px solid #ccc;border-radius:4px;font:inherit";
      field.addEventListener("input", () => emit("change", changeEvent()));
      field.addEventListener("focus", () => emit("focus", { elementType: type }));
      field.addEventListener("blur", () => emit("blur", { elementType: type }));
      return field;
    };
    const element = {
      mount(target) {
        const parent = typeof target === "string" ? document.querySelector(target) : target;
        if (!parent) throw new Error(`Stripe emulator: no element matches ${target}`);
        const container = document.createElement("div");
        container.className = "StripeElement StripeEmulatorElement";
        container.setAttribute("data-stripe-emulator-element", type);
        container.style.cssText = "display:flex;gap:6px;flex-wrap:wrap";
        const inputs = {
          number: input("cardnumber", "Card number", "cc-number"),
          expiry: input("exp-date", "MM / YY", "cc-exp"),
          cvc: input("cvc", "CVC", "cc-csc"),
          postal: input("postal", "ZIP", "postal-code"),
        };
        if (state.options.hidePostalCode) inputs.postal.style.display = "none";
        if (state.options.value?.postalCode) inputs.postal.value = state.options.value.postalCode;
        for (const field of Object.values(inputs)) container.appendChild(field);
        parent.appendChild(container);
        state.container = container;
        state.inputs = inputs;
        setTimeout(() => emit("ready", { elementType: type }), 0);
      },
      unmount() {
        state.container?.remove();
        state.container = null;
      },
      destroy() {
        element.unmount();
        state.inputs = null;
        state.destroyed = true;
      },
      on(event, handler) {
        handlers[event] = handlers[event] || [];
        handlers[event].push(handler);
        return element;
      },
      off(event, handler) {
        handlers[event] = (handlers[event] || []).filter((h) => h !== handler);
        return element;
      },
      once(event, handler) {
        const wrapped = (payload) => {
          element.off(event, wrapped);
          handler(payload);
        };
        return element.on(event, wrapped);
      },
      update(next) {
        Object.assign(state.options, next || {});
      },
      clear() {
        if (!state.inputs) return;
        for (const field of Object.values(state.inputs)) field.value = "";
        emit("change", changeEvent());
      },
      focus() {
        state.inputs?.number.focus();
      },
      blur() {
        for (const field of Object.values(state.inputs || {})) field.blur();
      },
      _values: values,
      _type: type,
    };
    return element;
  }

  function createElements(options) {
    const created = {};
    return {
      create(type, elementOptions) {
        if (!["card", "payment", "cardNumber"].includes(type)) {
          throw new Error(
            `Stripe emulator: element type '${type}' is not supported (use 'card' or 'payment').`,
          );
        }
        const element = createCardElement(type, elementOptions);
        created[type] = element;
        return element;
      },
      getElement(type) {
        return created[type] || null;
      },
      update(next) {
        Object.assign(options || {}, next || {});
      },
      async submit() {
        const element = created.payment || created.card;
        if (!element) return { error: validationError("incomplete", "No element is mounted.") };
        const error = validateCard(element._values());
        return error ? { error } : {};
      },
      _primary() {
        return created.payment || created.card || created.cardNumber || null;
      },
    };
  }

  function cardParams(element) {
    const values = element._values();
    const expiry = /^\s*(\d{1,2})\s*\/?\s*(\d{2}|\d{4})\s*$/.exec(values.expiry) || [];
    const year = expiry[2] && expiry[2].length === 2 ? 2000 + Number(expiry[2]) : Number(expiry[2]);
    return {
      values,
      card: {
        number: values.number.replace(/\D/g, ""),
        exp_month: Number(expiry[1]),
        exp_year: year,
        cvc: values.cvc.trim(),
      },
    };
  }

  function threeDSecureChoice(paymentIntent) {
    let preset = null;
    try {
      preset = window.localStorage.getItem(THREE_DS_KEY);
    } catch {
      preset = null;
    }
    if (preset === "approve" || preset === "fail") return Promise.resolve(preset);
    return new Promise((resolve) => {
      const overlay = document.createElement("div");
      overlay.setAttribute("data-testid", "stripe-emulator-3ds");
      overlay.setAttribute("role", "dialog");
      overlay.style.cssText =
        "position:fixed;inset:0;background:rgba(0,0,0,.45);display:flex;align-items:center;justify-content:center;z-index:2147483647;font-family:system-ui";
      const box = document.createElement("div");
      box.style.cssText = "background:#fff;padding:24px;border-radius:8px;max-width:360px";
      const title = document.createElement("h2");
      title.textContent = "3D Secure test payment";
      const text = document.createElement("p");
      text.textContent = `Stripe emulator: authenticate ${paymentIntent.amount / 100} ${String(paymentIntent.currency).toUpperCase()}?`;
      const approve = document.createElement("button");
      approve.textContent = "Complete authentication";
      approve.setAttribute("data-testid", "stripe-emulator-3ds-complete");
      const fail = document.createElement("button");
      fail.textContent = "Fail authentication";
      fail.setAttribute("data-testid", "stripe-emulator-3ds-fail");
      fail.style.marginLeft = "8px";
      const done = (choice) => {
        overlay.remove();
        resolve(choice);
      };
      approve.addEventListener("click", () => done("approve"));
      fail.addEventListener("click", () => done("fail"));
      box.append(title, text, approve, fail);
      overlay.appendChild(box);
      document.body.appendChild(overlay);
    });
  }

  function Stripe(publishableKey, options) {
    if (typeof publishableKey !== "string" || !/^pk_(test|live)_/.test(publishableKey)) {
      throw new Error(
        "Invalid value for Stripe(): apiKey should be a publishable key (pk_test_...).",
      );
    }
    const key = publishableKey;
    const stripeOptions = options || {};

    async function retrieve(clientSecret) {
      const id = intentIdFrom(clientSecret);
      if (!id) {
        return {
          error: {
            type: "invalid_request_error",
            code: "parameter_invalid_string",
            message: "Invalid value for clientSecret: it should be a PaymentIntent client secret.",
          },
        };
      }
      const result = await call(key, "GET", `/v1/payment_intents/${id}`, {
        client_secret: clientSecret,
      });
      return result.error ? { error: result.error } : { paymentIntent: result.data };
    }

    async function handleAction(paymentIntent, clientSecret) {
      if (paymentIntent.status !== "requires_action") return { paymentIntent };
      const choice = await threeDSecureChoice(paymentIntent);
      const result = await call(
        key,
        "POST",
        `/_emulator/3ds/${paymentIntent.id}`,
        { client_secret: clientSecret, result: choice },
        true,
      );
      if (result.error) return { error: result.error };
      const updated = result.data;
      if (updated.status === "requires_payment_method" && updated.last_payment_error) {
        return { error: { ...updated.last_payment_error, payment_intent: updated } };
      }
      return { paymentIntent: updated };
    }

    async function paymentMethodFrom(source, billingDetails) {
      if (typeof source === "string") return { id: source };
      if (!source?._values) {
        return { error: validationError("invalid_request", "Provide a mounted card element.") };
      }
      const created = await createPaymentMethodFrom(source, billingDetails);
      return created.error ? { error: created.error } : { id: created.paymentMethod.id };
    }

    async function createPaymentMethodFrom(element, billingDetails, metadata) {
      const { values, card } = cardParams(element);
      const error = validateCard(values);
      if (error) return { error };
      const billing = { ...(billingDetails || {}) };
      if (values.postalCode) {
        billing.address = { ...(billing.address || {}), postal_code: values.postalCode };
      }
      const result = await call(key, "POST", "/v1/payment_methods", {
        type: "card",
        card,
        billing_details: billing,
        metadata,
      });
      return result.error ? { error: result.error } : { paymentMethod: result.data };
    }

    async function confirmWith(clientSecret, paymentMethod, extra) {
      const id = intentIdFrom(clientSecret);
      if (!id) return retrieve(clientSecret);
      const current = await retrieve(clientSecret);
      if (current.error) return current;
      if (current.paymentIntent.status === "requires_action" && !paymentMethod) {
        return handleAction(current.paymentIntent, clientSecret);
      }
      const confirmed = await call(key, "POST", `/v1/payment_intents/${id}/confirm`, {
        client_secret: clientSecret,
        payment_method: paymentMethod,
        ...(extra || {}),
      });
      if (confirmed.error) return { error: confirmed.error };
      return handleAction(confirmed.data, clientSecret);
    }

    return {
      _emulator: { apiBase, options: stripeOptions },

      async createRadarSession() {
        let languages = [];
        try {
          languages = Array.from(navigator.languages || [navigator.language]).slice(0, 10);
        } catch {
          languages = [];
        }
        const params = {
          device_id: storedDeviceId(),
          timezone: Intl.DateTimeFormat().resolvedOptions().timeZone,
          languages,
          screen: { width: window.screen?.width, height: window.screen?.height },
          user_agent: navigator.userAgent,
        };
        const result = await call(key, "POST", "/v1/radar/session", params);
        return result.error ? { error: result.error } : { radarSession: result.data };
      },

      elements(options) {
        return createElements(options);
      },

      async createPaymentMethod(arg1, arg2, arg3) {
        if (typeof arg1 === "string") {
          return createPaymentMethodFrom(arg2, arg3?.billing_details, arg3?.metadata);
        }
        const data = arg1 || {};
        if (data.elements) {
          const element = data.elements._primary();
          if (!element) return { error: validationError("incomplete", "No element is mounted.") };
          const params = data.params || {};
          return createPaymentMethodFrom(element, params.billing_details, params.metadata);
        }
        if (data.type && data.type !== "card") {
          return {
            error: validationError(
              "payment_method_invalid_parameter",
              "Only type 'card' is supported by the Stripe emulator.",
            ),
          };
        }
        return createPaymentMethodFrom(data.card, data.billing_details, data.metadata);
      },

      retrievePaymentIntent(clientSecret) {
        return retrieve(clientSecret);
      },

      async handleNextAction(args) {
        const clientSecret = args?.clientSecret;
        const current = await retrieve(clientSecret);
        if (current.error) return current;
        return handleAction(current.paymentIntent, clientSecret);
      },

      async handleCardAction(clientSecret) {
        const current = await retrieve(clientSecret);
        if (current.error) return current;
        return handleAction(current.paymentIntent, clientSecret);
      },

      async confirmCardPayment(clientSecret, data) {
        const source = data?.payment_method;
        if (!source) return confirmWith(clientSecret, undefined);
        const card = typeof source === "object" && source.card ? source.card : source;
        const billing = typeof source === "object" ? source.billing_details : undefined;
        const pm = await paymentMethodFrom(card, billing);
        if (pm.error) return { error: pm.error };
        return confirmWith(
          clientSecret,
          pm.id,
          data.return_url ? { return_url: data.return_url } : undefined,
        );
      },

      async confirmPayment(args) {
        const { elements, clientSecret, confirmParams } = args || {};
        let pmId = confirmParams?.payment_method;
        if (!pmId && elements) {
          const element = elements._primary();
          if (!element) return { error: validationError("incomplete", "No element is mounted.") };
          const created = await createPaymentMethodFrom(
            element,
            confirmParams?.payment_method_data?.billing_details,
          );
          if (created.error) return { error: created.error };
          pmId = created.paymentMethod.id;
        }
        const result = await confirmWith(clientSecret, pmId);
        if (!result.error && args?.redirect !== "if_required" && confirmParams?.return_url) {
          const target = new URL(confirmParams.return_url, window.location.href);
          target.searchParams.set("payment_intent", result.paymentIntent.id);
          target.searchParams.set("payment_intent_client_secret", clientSecret);
          target.searchParams.set("redirect_status", result.paymentIntent.status);
          window.location.assign(target.toString());
        }
        return result;
      },
    };
  }

  // @stripe/stripe-js 10.x checks this against its release train to decide whether to warn.
  Stripe.version = "endive";
  window.Stripe = Stripe;
})();
