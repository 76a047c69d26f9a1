-- 0010_services: reserved for its module; hand-written SQL (see docs/adr/0003).
SELECT 1;
