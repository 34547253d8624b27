"""A meeting's papers after the agenda: approval, dated registers, votes, follow-ups, public versions, registers."""
