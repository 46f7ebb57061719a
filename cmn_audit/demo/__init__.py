"""The bundled demo municipality: builds its sites and serves them on 127.0.0.1."""
