-- creates a table, then fails: the table must not stay
CREATE TABLE second_table (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
