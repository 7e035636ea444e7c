-- a first migration that works
CREATE TABLE first_table (id INTEGER PRIMARY KEY);
