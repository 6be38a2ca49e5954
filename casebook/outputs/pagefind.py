"""The search index: Pagefind fed from the model through its Python API, one record per case study.

Nothing is read back from the built HTML: each published case study becomes a record (its page's
text, casebook/outputs/search_text.py; its filters, sort keys and metadata, casebook/outputs/search.py)
and Pagefind builds the bundle. So the index can be built while the site engine runs
(casebook/pipeline.py), and the build fails unless it holds exactly the published case studies.

The Python package drives Pagefind's binary (`pagefind --service`, shipped in the `pagefind-bin`
wheel) over a pipe. Its reader is replaced here (`_Service`): pagefind 1.5.2's sleeps 0.1 s before
each reply, which is 1,000 s for 10,000 records, and waits for ever if the binary exits. The bundle
is asked for in memory and written here: the binary's own "write files" replies before its writes
are flushed, and under load left files empty.
"""
from __future__ import annotations

import asyncio
import base64
import json
import os
from importlib.metadata import version
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator, Mapping

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from casebook import addresses
from casebook.model import Corpus
from casebook.outputs.search import index_filters, index_meta, index_sorts
from casebook.outputs.search_text import MarkdownText, record_text
from casebook.outputs.trust import evidence_summary
from casebook.problems import BuildError

# Records sent before waiting for replies: enough to keep the binary busy, few enough that the
# pipe and our memory stay small at any corpus size.
WINDOW = 64
# The largest reply read from Pagefind: the whole bundle comes back as one (about 70 MB of base64
# at 10,000 case studies).
REPLY_LIMIT = 1 << 30


@dataclass(frozen=True)
class Record:
    """One search result as Pagefind stores it. `url` is site-root-relative (`/case-studies/x/`), as
    Pagefind gave pages when it read the built site; the search page prefixes the site's sub-path."""

    url: str
    content: str
    meta: dict[str, str]
    filters: dict[str, list[str]]
    sort: dict[str, str]


def case_study_records(corpus: Corpus) -> Iterator[Record]:
    """A record per published case study, made as it is sent (the corpus's text is never held twice)."""
    body_text = MarkdownText()
    grades = corpus.taxonomy.evidence_grades
    for case_study in corpus.case_studies:
        evidence = evidence_summary(case_study, grades)
        url = "/" + addresses.page_url(addresses.case_study_path(case_study))
        content = record_text(case_study, evidence, body_text)
        yield Record(url, content, index_meta(case_study, evidence), index_filters(case_study), index_sorts(case_study))


async def write_search_index(records: Iterable[Record], bundle: Path, expected_pages: int) -> int:
    """Index `records` and write Pagefind's bundle to `bundle`; fail unless it holds `expected_pages`.

    Every failure (binary missing or exiting, a refused record) is one line of BuildError.
    """
    try:
        service = await _Service().launch()
    except Exception as error:
        raise _failed(error) from None
    try:
        index = await service.create_index(IndexConfig(force_language="en"))
        await _add_all(index, records)
        # The bundle comes back through the pipe and is written here: 1.5.2's own "write files"
        # replies before its writes are flushed, and can leave files empty when it exits.
        _write_bundle(await index.get_files(), bundle)
        indexed = indexed_page_count(bundle)
    except BuildError:
        raise
    except Exception as error:
        raise _failed(error) from None
    finally:
        await service.close()
    if indexed != expected_pages:
        raise BuildError(f"the search index holds {indexed} pages but there are {expected_pages} case studies (casebook/outputs/pagefind.py case_study_records)")
    empty = [p.relative_to(bundle).as_posix() for p in bundle.rglob("*") if p.is_file() and p.stat().st_size == 0]
    if empty:  # every file of a bundle has content: an empty one is a fault, not a page
        raise BuildError(f"the search indexer (Pagefind) left {len(empty)} empty files in its bundle, e.g. {empty[0]}")
    return indexed


def build_search_index(corpus: Corpus, bundle: Path) -> int:
    """The search index of a corpus, written to `bundle` (outside an event loop: tests, benchmarks)."""
    return asyncio.run(write_search_index(case_study_records(corpus), bundle, len(corpus.case_studies)))


async def _add_all(index: PagefindIndex, records: Iterable[Record]) -> None:
    """Send every record, at most WINDOW awaiting a reply; the first refusal stops the rest."""
    pending: set[asyncio.Task[Any]] = set()
    try:
        for record in records:
            pending.add(asyncio.ensure_future(index.add_custom_record(url=record.url, content=record.content, language="en", meta=record.meta, filters=record.filters, sort=record.sort)))
            if len(pending) >= WINDOW:
                done, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                for task in done:
                    task.result()
        await asyncio.gather(*pending)
    finally:
        for task in pending:
            task.cancel()


def _write_bundle(files: Iterable[Mapping[str, Any]], bundle: Path) -> None:
    """Write the bundle's files (paths relative to the bundle, as Pagefind gives them)."""
    for file in files:
        relative = PurePosixPath(file["path"])
        if relative.is_absolute() or ".." in relative.parts:
            raise BuildError(f"the search indexer (Pagefind) named a file outside its bundle: {relative}")
        target = bundle.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(file["content"])


def _failed(error: BaseException) -> BuildError:
    message = f"{type(error).__name__}: {' '.join(str(error).split())}"
    return BuildError(f"the search indexer (Pagefind) failed: {message}")


class _Service(PagefindService):
    """Pagefind's service with a reader that hands each reply over as it arrives and, if the binary
    exits or writes something that is not a reply, fails every request still waiting."""

    async def _wait_for_responses(self) -> None:
        assert self._backend.stdout is not None
        try:
            while True:
                reply = await self._backend.stdout.readuntil(b",")
                self._resolve(json.loads(base64.b64decode(reply[:-1])))
        except Exception as error:  # not CancelledError: close() cancels this reader
            for future in self._responses.values():
                if not future.done():
                    future.set_exception(BuildError(f"the search indexer (Pagefind) stopped before it replied ({type(error).__name__}); is pagefind-bin {version('pagefind')} installed?"))

    async def launch(self) -> "_Service":
        """As the package starts the binary, with room for the whole bundle in one reply (GetFiles):
        the package's 2 MiB would refuse a bundle of a few thousand case studies."""
        self._backend = await asyncio.create_subprocess_exec(
            self._bin, "--service", cwd=os.getcwd(), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, limit=REPLY_LIMIT
        )
        self._poll_task = self._loop.create_task(self._wait_for_responses())
        return self

    async def close(self) -> None:
        """Stop the binary at once. The package's own close first waits for every request, which
        never ends when one was cancelled (the engine failed beside the index)."""
        self._poll_task.cancel()
        if self._backend.returncode is None:
            self._backend.terminate()
        await self._backend.wait()

    def _resolve(self, reply: dict[str, Any]) -> None:
        payload = reply.get("payload") or {}
        message_id = reply.get("message_id")
        if message_id is None and payload.get("original_message"):  # a message it could not parse
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.get(message_id) if message_id is not None else None
        if future is None or future.done():
            return
        if payload.get("type") == "Error":
            future.set_exception(BuildError(f"the search indexer (Pagefind) refused a record: {' '.join(str(payload.get('message')).split())}"))
        else:
            future.set_result(payload)


def indexed_page_count(bundle: Path) -> int:
    """Pages in a Pagefind bundle, from its entry file (0 when nothing was indexed)."""
    entry = bundle / "pagefind-entry.json"
    if not entry.is_file():
        return 0
    languages = json.loads(entry.read_text(encoding="utf-8")).get("languages", {})
    return sum(language.get("page_count", 0) for language in languages.values())
