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

  const BRANDS = {
    visa: { label: "Visa", mark: "VISA", color: "#1a1f71" },
    mastercard: { label: "Mastercard", mark: "MC", color: "#eb001b" },
    amex: { label: "American Express", mark: "AMEX", color: "#2e77bc" },
    discover: { label: "Discover", mark: "DISC", color: "#e55c20" },
    unknown: { label: "Card", mark: "CARD", color: "#6b7280" },
  };

  /** Digits grouped as the card's brand prints them: 4-6-5 for American Express, else by four. */
  function formatNumber(digits) {
    const groups = brandOf(digits) === "amex" ? [4, 6, 5] : [4, 4, 4, 4, 3];
    const parts = [];
    let at = 0;
    for (const size of groups) {
      if (at >= digits.length) break;
      parts.push(digits.slice(at, at + size));
      at += size;
    }
    return parts.join(" ");
  }

  function formatExpiry(digits) {
    return digits.length > 2 ? `${digits.slice(0, 2)} / ${digits.slice(2, 4)}` : digits;
  }

  const numberLength = (digits) => (brandOf(digits) === "amex" ? 15 : 16);

  function createCardElement(type, options) {
    const handlers = {};
    const state = { container: null, inputs: null, brand: null, options: options || {} };
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
    /** Stripe's state classes on the mounted element, which integrations style. */
    const showState = (event) => {
      const { container, inputs, brand } = state;
      if (!container || !inputs || !brand) return;
      const focused = container.contains(document.activeElement);
      container.classList.toggle("StripeElement--focus", focused);
      container.classList.toggle("StripeElement--empty", event.empty);
      container.classList.toggle("StripeElement--complete", event.complete);
      container.classList.toggle("StripeElement--invalid", Boolean(event.error));
      container.style.borderColor = event.error ? "#df1b41" : focused ? "#635bff" : "#d1d5db";
      container.style.boxShadow = focused ? "0 0 0 3px rgba(99,91,255,.25)" : "none";
      inputs.number.style.color = event.error ? "#df1b41" : "inherit";
      inputs.number.setAttribute("aria-invalid", String(Boolean(event.error)));
      const shown = BRANDS[event.brand] || BRANDS.unknown;
      brand.textContent = shown.mark;
      brand.style.color = shown.color;
      brand.style.borderColor = shown.color;
      brand.setAttribute("aria-label", shown.label);
      brand.setAttribute("data-brand", event.brand);
    };
    const changed = () => {
      const event = changeEvent();
      showState(event);
      emit("change", event);
    };
    /** Moves on to the next field once this one is full, as Stripe's card Element does. */
    const advance = (field, full) => {
      const order = Object.values(state.inputs).filter((f) => f.style.display !== "none");
      const next = order[order.indexOf(field) + 1];
      if (full && next && field.selectionStart === field.value.length) next.focus();
    };
    const input = (name, label, placeholder, autocomplete, width, format) => {
      const field = document.createElement("input");
      field.name = name;
      field.placeholder = placeholder;
      field.autocomplete = autocomplete;
      field.setAttribute("aria-label", label);
      if (name !== "postal") field.inputMode = "numeric";
      field.style.cssText = `flex:${width};min-width:0;border:0;outline:0;padding:2px 0;margin:0;background:transparent;font:inherit;color:inherit;font-variant-numeric:tabular-nums`;
      field.addEventListener("input", () => {
        const full = format ? format(field) : false;
        changed();
        advance(field, full);
      });
      field.addEventListener("focus", () => {
        showState(changeEvent());
        emit("focus", { elementType: type });
      });
      field.addEventListener("blur", () => {
        showState(changeEvent());
        emit("blur", { elementType: type });
      });
      return field;
    };
    /** Keeps a field's digits, shown by `show`; says whether it is now full. */
    const digitsOnly = (max, show) => (field) => {
      const digits = field.value.replace(/\D/g, "").slice(0, max());
      field.value = show(digits);
      return digits.length === max();
    };
    const element = {
      mount(target) {
        const parent = typeof target === "string" ? document.querySelector(target) : target;
        if (!parent) throw new Error(`Stripe emulator: no element matches ${target}`);
        const container = document.createElement("div");
        container.className = "StripeElement StripeEmulatorElement StripeElement--empty";
        container.setAttribute("data-stripe-emulator-element", type);
        container.style.cssText =
          "display:flex;flex-wrap:wrap;align-items:center;gap:8px;box-sizing:border-box;width:100%;padding:10px 12px;border:1px solid #d1d5db;border-radius:6px;background:#fff;color:#30313d;font:16px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;transition:border-color .15s,box-shadow .15s";
        const brand = document.createElement("span");
        brand.setAttribute("role", "img");
        brand.style.cssText =
          "flex:0 0 auto;box-sizing:border-box;min-width:3em;padding:1px 4px;white-space:nowrap;border:1px solid;border-radius:4px;font-size:10px;font-weight:700;letter-spacing:.04em;text-align:center";
        const number = input(
          "cardnumber",
          "Card number",
          "1234 1234 1234 1234",
          "cc-number",
          "1 0 18ch",
          (field) => {
            const digits = field.value.replace(/\D/g, "").slice(0, 19);
            field.value = formatNumber(digits);
            return digits.length === numberLength(digits) && luhn(digits);
          },
        );
        const inputs = {
          number,
          expiry: input(
            "exp-date",
            "Expiration date (MM / YY)",
            "MM / YY",
            "cc-exp",
            "0 0 4.2em",
            digitsOnly(() => 4, formatExpiry),
          ),
          cvc: input(
            "cvc",
            "Security code",
            "CVC",
            "cc-csc",
            "0 0 2.6em",
            digitsOnly(
              () => (brandOf(number.value.replace(/\D/g, "")) === "amex" ? 4 : 3),
              (d) => d,
            ),
          ),
          postal: input("postal", "ZIP", "ZIP", "postal-code", "0 0 3.6em"),
        };
        inputs.postal.maxLength = 10;
        if (state.options.hidePostalCode) inputs.postal.style.display = "none";
        if (state.options.value?.postalCode) inputs.postal.value = state.options.value.postalCode;
        // The number keeps its own line on narrow screens; the short fields wrap together.
        const rest = document.createElement("div");
        rest.style.cssText = "display:flex;align-items:center;gap:8px;flex:0 0 auto";
        rest.append(inputs.expiry, inputs.cvc, inputs.postal);
        container.append(brand, number, rest);
        parent.appendChild(container);
        state.container = container;
        state.inputs = inputs;
        state.brand = brand;
        showState(changeEvent());
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
        changed();
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

  function button(label, primary) {
    const control = document.createElement("button");
    control.type = "button";
    control.textContent = label;
    control.style.cssText = `flex:1 1 auto;padding:10px 16px;border-radius:6px;font:600 15px system-ui,sans-serif;cursor:pointer;border:1px solid ${primary ? "#635bff" : "#d1d5db"};background:${primary ? "#635bff" : "#fff"};color:${primary ? "#fff" : "#30313d"}`;
    return control;
  }

  /**
   * The test 3D Secure challenge as a modal dialog: focus stays inside it, and closing it (the
   * close button or Escape) cancels the authentication, which fails it as Stripe.js does.
   */
  function threeDSecureChoice(paymentIntent) {
    let preset = null;
    try {
      preset = window.localStorage.getItem(THREE_DS_KEY);
    } catch {
      preset = null;
    }
    if (preset === "approve" || preset === "fail") return Promise.resolve(preset);
    return new Promise((resolve) => {
      const opener = document.activeElement;
      const overlay = document.createElement("div");
      overlay.style.cssText =
        "position:fixed;inset:0;background:rgba(15,23,42,.55);display:flex;align-items:center;justify-content:center;padding:16px;z-index:2147483647;font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#30313d";
      const dialog = document.createElement("div");
      dialog.setAttribute("data-testid", "stripe-emulator-3ds");
      dialog.setAttribute("role", "dialog");
      dialog.setAttribute("aria-modal", "true");
      dialog.setAttribute("aria-labelledby", "stripe-emulator-3ds-title");
      dialog.setAttribute("aria-describedby", "stripe-emulator-3ds-text");
      dialog.style.cssText =
        "box-sizing:border-box;width:min(400px,100%);background:#fff;border-radius:10px;box-shadow:0 20px 50px rgba(0,0,0,.3);overflow:hidden";
      const header = document.createElement("div");
      header.style.cssText =
        "display:flex;align-items:center;justify-content:space-between;padding:12px 16px;border-bottom:1px solid #e5e7eb;background:#f6f8fa";
      const badge = document.createElement("span");
      badge.textContent = "Test mode";
      badge.style.cssText =
        "padding:1px 8px;border-radius:4px;background:#ffde92;color:#7a4f01;font-size:12px;font-weight:600";
      const close = document.createElement("button");
      close.type = "button";
      close.textContent = "×";
      close.setAttribute("aria-label", "Close");
      close.style.cssText =
        "border:0;background:transparent;font-size:22px;line-height:1;padding:2px 8px;border-radius:4px;cursor:pointer;color:#6b7280";
      header.append(badge, close);
      const body = document.createElement("div");
      body.style.cssText = "padding:20px 20px 24px";
      const title = document.createElement("h2");
      title.id = "stripe-emulator-3ds-title";
      title.textContent = "3D Secure 2 Test Page";
      title.style.cssText = "margin:0 0 8px;font-size:18px;font-weight:600";
      const text = document.createElement("p");
      text.id = "stripe-emulator-3ds-text";
      const amount = new Intl.NumberFormat(undefined, {
        style: "currency",
        currency: String(paymentIntent.currency).toUpperCase(),
      }).format(paymentIntent.amount / 100);
      text.textContent = `This is a test 3D Secure authentication of a payment of ${amount}, served by the Stripe emulator. Complete it to pay, or fail it to see the payment declined.`;
      text.style.cssText = "margin:0 0 20px;color:#4b5563";
      const actions = document.createElement("div");
      actions.style.cssText = "display:flex;flex-wrap:wrap;gap:8px";
      const approve = button("Complete authentication", true);
      approve.setAttribute("data-testid", "stripe-emulator-3ds-complete");
      const fail = button("Fail authentication", false);
      fail.setAttribute("data-testid", "stripe-emulator-3ds-fail");
      actions.append(approve, fail);
      body.append(title, text, actions);
      dialog.append(header, body);
      overlay.appendChild(dialog);
      const focusable = [close, approve, fail];
      const trap = (event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          done("fail");
          return;
        }
        if (event.key !== "Tab") return;
        const at = focusable.indexOf(document.activeElement);
        const next = event.shiftKey
          ? focusable[(at <= 0 ? focusable.length : at) - 1]
          : focusable[(at + 1) % focusable.length];
        event.preventDefault();
        next.focus();
      };
      const done = (choice) => {
        document.removeEventListener("keydown", trap, true);
        overlay.remove();
        if (opener instanceof HTMLElement && opener.isConnected) opener.focus();
        resolve(choice);
      };
      document.addEventListener("keydown", trap, true);
      approve.addEventListener("click", () => done("approve"));
      fail.addEventListener("click", () => done("fail"));
      close.addEventListener("click", () => done("fail"));
      document.body.appendChild(overlay);
      approve.focus();
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
        const returnUrl = confirmParams?.return_url;
        const result = await confirmWith(
          clientSecret,
          pmId,
          returnUrl
            ? { return_url: new URL(returnUrl, window.location.href).toString() }
            : undefined,
        );
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
