/** The demo catalogue. Prices are in cents; the server always prices orders from these rows. */
export const DEMO_PRODUCTS = [
  {
    id: "prod_field_notes",
    name: "Field notes, pack of three",
    description: "Pocket notebooks for writing down suspicious sign-ups.",
    unitAmount: 1_200,
    currency: "usd",
  },
  {
    id: "prod_hoodie",
    name: "Radar hoodie",
    description: "Heavyweight cotton, embroidered radar dish.",
    unitAmount: 6_500,
    currency: "usd",
  },
  {
    id: "prod_annual_pass",
    name: "Annual pass",
    description: "A year of premium access: the kind of thing multi-accounters love.",
    unitAmount: 24_900,
    currency: "usd",
  },
] as const;
