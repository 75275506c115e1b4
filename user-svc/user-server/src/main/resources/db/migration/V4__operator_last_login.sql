-- When an operator last logged in, for the operators' console (GET /admin-api/user/operators); NULL: never since
-- this column exists.
ALTER TABLE operator ADD COLUMN last_login_at DATETIME(3) NULL AFTER locked_until;
