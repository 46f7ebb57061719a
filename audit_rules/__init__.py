"""Declarative audit rules: profiles per authority, compiled to DuckDB SQL and scored."""
