"""Getting the papers to people: recipients, messages, calendar invitations, the log, SMTP."""
