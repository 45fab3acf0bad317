window.Stripe = () => {};
