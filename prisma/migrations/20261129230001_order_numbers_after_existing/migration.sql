-- Orders that existed before order numbers were numbered from 1001: the next order comes after
-- the last of them, not at 1001 again.
SELECT setval('"Order_number_seq"', (SELECT COALESCE(MAX("number"), 1000) FROM "Order"));
