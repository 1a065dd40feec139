CREATE DOMAIN vector AS real[];
CREATE FUNCTION l2_distance(a real[], b real[]) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  AS $$ SELECT sqrt(sum((x - y) ^ 2)) FROM unnest(a, b) AS t(x, y) $$;
CREATE OPERATOR <-> (LEFTARG = real[], RIGHTARG = real[], FUNCTION = l2_distance, COMMUTATOR = <->);
