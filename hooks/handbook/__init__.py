"""The Aggredi handbook platform: the logic behind the MkDocs hooks and the `handbook` command."""
