-- The http-support test application's database: started like a real service (self mode).
CREATE SCHEMA kit;
CREATE TABLE kit.marker (id integer PRIMARY KEY);
