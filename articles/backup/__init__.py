"""A whole newsroom in one file and back: ``manage.py backup FILE`` and ``manage.py restore FILE``.

The file is JSON Lines: a header with the format's version, then one record per object, each
naming what it points to by a natural key rather than a database id (articles by their URL,
sources by domain, speakers and tags by slug, users by username, groups by name), so that it
restores into any empty database, SQLite or PostgreSQL. Records come in a fixed order (groups,
users, sources, speakers, tags, then each article by URL followed by its quotes, corrections,
status history and pending change, and an end record that counts them, so that a truncated file
is refused) with their fields in the models' order, so that backup, restore into an empty
database and backup again gives the same bytes. Version 2 added pending changes; a version 1
file restores as before.

What it holds: every article with its status, dates, editors' changes (headline, text, section,
tags, quotes and the speakers editors fixed), the seed's layout (so ``export_seeds`` still gives
the imported bytes), corrections, status history and pending changes (a change to a live
article waiting for an Editor, ``articles.pending``); sources, speakers (kind, aliases) and tags;
users with their password hashes, groups and permissions. Password hashes are kept so editors can
log in after a restore (they are salted one-way hashes; the file must be guarded like the
database itself, and ``backup`` writes it readable by its owner only).

What it leaves out: django-reversion's revisions, admin log entries, sessions and login
throttling records. Revisions are Django-serialised rows that name every object by its database
id (the article, each quote, tag link and speaker); in a restored database those ids belong to
other rows, and restoring such a revision would overwrite other articles' quotes. An article's
history starts again at its next change, when ``articles.history.record_baseline`` records it
as it was; the status history and corrections, the editorial record readers and editors rely on,
are kept.

``restore`` runs in one transaction: a record that is not valid stops it with
``file:line: reason`` and nothing is written. It refuses a database that already holds
articles, sources, speakers, tags, users or revisions, unless told to ``replace`` them (deleted
first, in the same transaction).
"""

from articles.backup.reading import DatabaseNotEmpty, restore_backup, restore_from_file
from articles.backup.records import FORMAT, VERSION, BackupError
from articles.backup.writing import backup_to_file, write_backup

__all__ = [
    "FORMAT",
    "VERSION",
    "BackupError",
    "DatabaseNotEmpty",
    "backup_to_file",
    "restore_backup",
    "restore_from_file",
    "write_backup",
]
