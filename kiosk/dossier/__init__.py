"""Filing a citizen's dossier on the kiosk and printing its receipt, without Qt."""
