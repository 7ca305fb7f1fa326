"""The domain and its storage: entities, the database, repository functions. No Qt here."""
