/**
 * The checkout form's quantity fields, shared by the form in the browser and by its parser. They
 * live apart from the parser so that the browser does not load zod, whose set-up probes
 * `Function("")`: the Content-Security-Policy forbids evaluating code, and reports the probe.
 */
export const MAX_QUANTITY = 10;

export const quantityField = (productId: string) => `quantity[${productId}]`;
