-- playground_message_vector (0001_search) catches an error, which needs a subtransaction, and PostgreSQL cannot
-- start one in a parallel query ("cannot start subtransactions during a parallel operation"): it is not
-- parallel safe. Computing the generated column (INSERT, UPDATE) was never parallel; a query calling it is.
ALTER FUNCTION playground_message_vector(text, text) PARALLEL UNSAFE;
