CREATE TABLE IF NOT EXISTS courses (id bigserial PRIMARY KEY, title text NOT NULL);
