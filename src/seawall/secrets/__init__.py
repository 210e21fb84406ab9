"""Finding secrets in files, folders and (later) git history."""
