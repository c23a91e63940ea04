"""Key-value backends: LevelDB (``leveldb.LevelDBStore``) and in-memory (``memory.MemoryStore``)."""
