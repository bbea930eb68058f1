-- Trapdoor's whole-process SQLite benchmark (benchmarks/whole/run.sh), read by the shell from stdin into an
-- in-memory database: bulk inserts in a transaction, indexes, joins, aggregates, sorting, window functions, string
-- functions, updates and deletes. Every query prints a small result, so two engines can be compared line by line.
.headers off
CREATE TABLE customer(id INTEGER PRIMARY KEY, name TEXT NOT NULL, region INTEGER NOT NULL, since INTEGER);
CREATE TABLE item(id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL NOT NULL, weight INTEGER);
CREATE TABLE orders(id INTEGER PRIMARY KEY, customer INTEGER NOT NULL, item INTEGER NOT NULL, qty INTEGER NOT NULL,
                    day INTEGER NOT NULL, note TEXT);

BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO customer SELECT i, 'customer-' || printf('%05d', (i * 7919) % 5000), i % 17, 2000 + i % 25 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO item SELECT i, 'item ' || hex(i * 2654435761 % 4294967296), (i % 500) / 7.0 + 1, (i * 37) % 1000 FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO orders SELECT i, 1 + (i * 48271) % 5000, 1 + (i * 16807) % 2000, 1 + i % 9, i % 365,
                          CASE WHEN i % 11 = 0 THEN 'gift ' || (i % 13) ELSE NULL END FROM n;
COMMIT;

SELECT count(*), sum(qty), total(qty * 0.5) FROM orders;
CREATE INDEX orders_customer ON orders(customer);
CREATE INDEX orders_item_day ON orders(item, day);
CREATE INDEX customer_region ON customer(region, name);

SELECT c.region, count(*), sum(o.qty), round(sum(o.qty * i.price), 2)
  FROM orders o JOIN customer c ON c.id = o.customer JOIN item i ON i.id = o.item
  GROUP BY c.region ORDER BY c.region;
SELECT i.title, sum(o.qty) AS sold FROM orders o JOIN item i ON i.id = o.item
  GROUP BY i.id ORDER BY sold DESC, i.id LIMIT 5;
SELECT c.name, count(*) AS n FROM customer c JOIN orders o ON o.customer = c.id
  WHERE c.region = 3 AND o.day BETWEEN 100 AND 200 GROUP BY c.id ORDER BY n DESC, c.name LIMIT 5;
SELECT day, count(*), max(qty) FROM orders WHERE item BETWEEN 100 AND 140 GROUP BY day ORDER BY count(*) DESC, day
  LIMIT 3;
SELECT count(DISTINCT customer), count(DISTINCT note), min(note), max(note) FROM orders;
SELECT sum(length(name)), count(*) FROM customer WHERE name LIKE '%-01%' OR name GLOB '*9?';
SELECT customer, day, running FROM (
  SELECT customer, day, sum(qty) OVER (PARTITION BY customer ORDER BY day, id) AS running,
         row_number() OVER (PARTITION BY customer ORDER BY day DESC, id) AS rn
  FROM orders WHERE customer <= 300)
  WHERE rn = 1 ORDER BY running DESC, customer LIMIT 5;
SELECT region, group_concat(since, '') FROM (SELECT DISTINCT region, since FROM customer WHERE since < 2003
  ORDER BY region, since) GROUP BY region ORDER BY region LIMIT 4;
SELECT count(*) FROM orders o WHERE NOT EXISTS (SELECT 1 FROM orders p WHERE p.customer = o.customer
  AND p.day < o.day);

BEGIN;
UPDATE orders SET qty = qty + 1, note = coalesce(note, '') || '*' WHERE day % 5 = 0;
DELETE FROM orders WHERE item % 13 = 0;
COMMIT;
SELECT count(*), sum(qty), sum(length(note)) FROM orders;
SELECT substr(upper(title), 1, 8), replace(title, 'item', 'thing'), instr(title, 'A') FROM item ORDER BY title LIMIT 3;
SELECT printf('%.3f', avg(price)), printf('%e', sum(price * weight)) FROM item;
CREATE TABLE summary AS SELECT customer, count(*) AS n, sum(qty) AS q FROM orders GROUP BY customer;
SELECT n, count(*) FROM summary GROUP BY n ORDER BY count(*) DESC, n LIMIT 3;
PRAGMA integrity_check;
