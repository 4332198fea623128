"""``manage.py publish_scheduled``: publish the changes to live articles whose scheduled time
has come. Run it from cron every minute, as Wagtail's ``publish_scheduled`` is run: a scheduled
*article* goes live by itself (readers' querysets compare its time), but a scheduled *change*
to a live article has to be written into it.

Exits 1 when a change could not be published (its form refused it: say a headline since made
too long); the change then waits, unscheduled, with the reason on the article's page.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.editing import publish_due_changes


class Command(BaseCommand):
    help = "Publish the scheduled changes to live articles whose time has come."

    def handle(self, *args: object, **options: object) -> None:
        done = publish_due_changes()
        failed = 0
        for article, problem in done:
            if problem is None:
                self.stdout.write(f"published the scheduled changes to {article.slug}")
            else:
                failed += 1
                self.stderr.write(f"{article.slug}: not published: {problem}")
        if done or int(options.get("verbosity", 1)) > 0:  # -v 0 from a minute's loop: quiet
            self.stdout.write(f"{len(done) - failed} published, {failed} failed")
        if failed:
            raise SystemExit(1)
