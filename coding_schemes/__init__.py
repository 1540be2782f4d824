"""The coding schemes that ship with observe (TOML files beside this module)."""
