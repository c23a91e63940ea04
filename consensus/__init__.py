"""When and whether to author or accept a block: sealing, Aura, header checks, finality."""
