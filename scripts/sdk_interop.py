"""Drives a running rossum-sandbox with the official Python SDK (rossum-api), the referee of its fidelity.

Usage: sdk_interop.py BASE_URL USERNAME PASSWORD   (BASE_URL ends with /api/v1)

Calls every public method of AsyncRossumAPIClient and of SyncRossumAPIClient, found by
introspection: one line per method (`ok  async.name` / `FAIL async.name: reason`), then the
endpoints the SDK does not wrap (through its `request*` methods), then
`sdk-interop: N passed, M failed, K known gaps`. A public method without a check below is a
failure, so a new SDK version cannot skip methods silently. Known gaps of the sandbox are listed
in KNOWN_GAPS and reported as GAP; exits 1 on any other failure (or on a gap that passes).
"""

import asyncio
import inspect
import io
import os
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
import zipfile

import httpx
from rossum_api import APIClientError, AsyncRossumAPIClient, SyncRossumAPIClient
from rossum_api.domain_logic.annotations import ExportFileFormats
from rossum_api.dtos import UserCredentials
from rossum_api.models.automation import DatapointAutomationTarget, FieldErrorRateLimit

BASE_URL, USERNAME, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3]
results: list[tuple[str, bool, str]] = []
gaps: list[str] = []
# Methods the SDK itself leaves unimplemented (they raise NotImplementedError in 3.17.0).
SDK_UNIMPLEMENTED = {"change_user_password", "reset_user_password"}
# Known gaps of the sandbox (none today): still called, and reported on a line of their
# own as GAP with the error, counted apart. A gap that starts passing is reported as a failure,
# so this list cannot go stale; any failure not listed here fails the run.
KNOWN_GAPS: dict[str, str] = {}


def check(condition, detail=""):
    if not condition:
        raise AssertionError(detail)


def report(name, ok, detail=""):
    gap = KNOWN_GAPS.get(name.split(".", 1)[1] if name.startswith(("async.", "sync.")) else name)
    if gap and not ok:
        gaps.append(name)
        print(f"GAP  {name}: {gap} ({detail[:160]})", flush=True)
        return
    if gap and ok:
        ok, detail = False, f"passes now: remove it from KNOWN_GAPS ({gap})"
    results.append((name, ok, detail))
    print(f"ok  {name}" if ok else f"FAIL {name}: {detail}", flush=True)


def sample_pdf() -> str:
    handle, path = tempfile.mkstemp(suffix=".pdf")
    with os.fdopen(handle, "wb") as file:
        file.write(b"%PDF-1.4\n% sdk interop upload\n%%EOF\n")
    return path


class Driver:
    """Calls a client's methods the same way for both clients: coroutines are awaited on one
    event loop, async and sync iterators are collected into lists."""

    def __init__(self, label, client, loop=None):
        self.label, self.client, self.loop = label, client, loop

    def __call__(self, method, *args, **kwargs):
        result = getattr(self.client, method)(*args, **kwargs)
        if inspect.isasyncgen(result):
            async def collect():
                return [item async for item in result]
            return self.loop.run_until_complete(collect())
        if inspect.iscoroutine(result):
            return self.loop.run_until_complete(result)
        if inspect.isgenerator(result) or (hasattr(result, "__next__") and not isinstance(result, (bytes, str, dict))):
            return list(result)
        return result


def checks(d, s):
    """(method name, check) in the order they run; `s` carries state between checks."""
    label = d.label
    pdf = s.setdefault("pdf", sample_pdf())

    def authenticate():
        check(d("authenticate") is None)

    def get_token():
        token = d("get_token")
        check(isinstance(token, str) and len(token) >= 20, repr(token))
        check(d("get_token", refresh=True) != token, "refresh kept the old token")

    def retrieve_own_organization():
        s["org"] = d("retrieve_own_organization")
        check(s["org"].name, repr(s["org"]))

    def retrieve_my_organization():
        check(d("retrieve_my_organization").id == s["org"].id)

    def list_organizations():
        check([o.id for o in d("list_organizations")] == [s["org"].id])

    def retrieve_organization():
        check(d("retrieve_organization", s["org"].id).name == s["org"].name)

    def retrieve_organization_limit():
        check(d("retrieve_organization_limit", s["org"].id).email_limits is not None)

    def list_organization_groups():
        groups = d("list_organization_groups")
        check(len(groups) == 1, repr(groups))
        s["org_group"] = groups[0]

    def retrieve_organization_group():
        check(d("retrieve_organization_group", s["org_group"].id).name == s["org_group"].name)

    def list_user_roles():
        check({r.name for r in d("list_user_roles")} >= {"admin", "annotator"})

    def list_users():
        users = d("list_users", is_active=True)
        check(any(u.username == USERNAME for u in users), f"{len(users)} users")

    def create_new_user():
        s["user"] = d("create_new_user", {"username": f"interop-{label}@example.com", "email": f"interop-{label}@example.com",
                                          "organization": s["org"].url, "password": "pw-interop"})

    def retrieve_user():
        check(d("retrieve_user", s["user"].id).username == f"interop-{label}@example.com")

    def list_workspaces():
        check(len(d("list_workspaces")) >= 3)

    def create_new_workspace():
        s["workspace"] = d("create_new_workspace", {"name": f"Interop {label}", "organization": s["org"].url})

    def retrieve_workspace():
        check(d("retrieve_workspace", s["workspace"].id).name == f"Interop {label}")

    def list_schemas():
        s["schemas"] = d("list_schemas")
        check(s["schemas"], "no schemas")

    def retrieve_schema():
        s["schema_content"] = d("request_json", "GET", f"schemas/{s['schemas'][0].id}")["content"]
        check(d("retrieve_schema", s["schemas"][0].id).content[0].category == "section")

    def create_new_schema():
        s["schema"] = d("create_new_schema", {"name": f"Interop {label}", "content": s["schema_content"]})

    def list_queues():
        queues = d("list_queues", ordering=["name"])
        check(len(queues) >= 6 and all("to_review" in q.counts for q in queues), f"{len(queues)} queues")
        check([q.name for q in queues] == sorted(q.name for q in queues), "not ordered by name")
        s["queues"] = sorted(queues, key=lambda q: q.id)

    def create_new_queue():
        s["queue"] = d("create_new_queue", {"name": f"Interop {label}", "workspace": s["workspace"].url, "schema": s["schema"].url})
        check(s["queue"].counts.get("to_review") == 0, repr(s["queue"].counts))

    def retrieve_queue():
        check(d("retrieve_queue", s["queue"].id).workspace == s["workspace"].url)

    def list_engines():
        engines = d("list_engines")
        check(engines and engines[0].type == "extractor", repr(engines))
        s["engine"] = engines[0]

    def retrieve_engine():
        check(d("retrieve_engine", s["engine"].id).name == s["engine"].name)

    def retrieve_engine_fields():
        fields = d("retrieve_engine_fields", s["engine"].id)
        check(any(f.name == "amount_total" for f in fields), f"{len(fields)} fields")
        check(len(d("retrieve_engine_fields")) >= len(fields))

    def retrieve_engine_queues():
        check({q.id for q in d("retrieve_engine_queues", s["engine"].id)} >= {q.id for q in s["queues"]})

    def list_annotations():
        total = d("request_json", "GET", "annotations", params={"page_size": 1})["pagination"]["total"]
        listed = d("list_annotations")
        check(len(listed) == total > 200 and len({a.id for a in listed}) == total, f"{len(listed)} of {total}")
        to_review = d("list_annotations", status="to_review", ordering=["-created_at"], queue=s["queues"][0].id)
        check(to_review and all(a.status == "to_review" for a in to_review), "status filter")
        s["to_review"] = to_review
        with_content = d("list_annotations", sideloads=["content", "documents"], content_schema_ids=["amount_total"], status="exported", page_size=20)
        check(hasattr(with_content[0].document, "original_file_name"), "documents sideload")
        check({p["schema_id"] for p in with_content[0].content} == {"amount_total"}, "content sideload")

    def search_for_annotations():
        found = d("search_for_annotations", query={"$and": [{"status": {"$in": ["postponed"]}}]})
        total = d("request_json", "POST", "annotations/search", json={"query": {"$and": [{"status": {"$in": ["postponed"]}}]}})
        check(found and all(a.status == "postponed" for a in found) and len(found) == total["pagination"]["total"], f"{len(found)} found")

    def retrieve_annotation():
        annotation = d("retrieve_annotation", s["to_review"][0].id, sideloads=["content", "documents"])
        check(annotation.content[0]["category"] == "section" and hasattr(annotation.document, "mime_type"))

    def retrieve_annotation_processing_duration():
        check(d("retrieve_annotation_processing_duration", s["to_review"][0].id).time_spent_active is not None)

    def start_annotation():
        check(d("start_annotation", s["to_review"][0].id) is None)
        check(d("retrieve_annotation", s["to_review"][0].id).status == "reviewing")

    def cancel_annotation():
        d("cancel_annotation", s["to_review"][0].id)
        check(d("retrieve_annotation", s["to_review"][0].id).status == "to_review")

    def bulk_update_annotation_data():
        target = s["to_review"][1].id
        d("start_annotation", target)
        content = d("request_json", "GET", f"annotations/{target}/content", params={"schema_id": "sender_name"})["content"]
        d("bulk_update_annotation_data", target, [{"op": "replace", "id": content[0]["id"], "value": {"content": {"value": f"Interop {label}"}}}])
        after = d("request_json", "GET", f"annotations/{target}/content", params={"schema_id": "sender_name"})["content"]
        check(after[0]["content"]["value"] == f"Interop {label}", repr(after[0]["content"]))

    def confirm_annotation():
        target = s["to_review"][1].id
        d("confirm_annotation", target)
        if d("retrieve_annotation", target).status == "confirmed":
            d("confirm_annotation", target)
        check(d("retrieve_annotation", target).status == "exported")
        try:
            d("start_annotation", target)
        except APIClientError as error:
            check(error.status_code == 409, str(error))
        else:
            raise AssertionError("starting an exported annotation did not fail")

    def update_part_annotation():
        updated = d("update_part_annotation", s["to_review"][2].id, {"metadata": {"interop": label}})
        check(updated.metadata == {"interop": label}, repr(updated.metadata))

    def update_annotation():
        current = d("request_json", "GET", f"annotations/{s['to_review'][2].id}")
        current["metadata"] = {"interop": label, "put": True}
        check(d("update_annotation", s["to_review"][2].id, current).metadata == {"interop": label, "put": True})

    def delete_annotation():
        d("delete_annotation", s["to_review"][3].id)
        check(d("retrieve_annotation", s["to_review"][3].id).status == "deleted")

    def upload_document():
        (task,) = d("upload_document", s["queues"][0].id, [(pdf, f"interop-{label}.pdf")], metadata={"source": "interop"})
        check(task.status in ("running", "succeeded"), task.status)
        s["task"] = task

    def retrieve_task():
        check(d("retrieve_task", s["task"].id).id == s["task"].id)

    def poll_task():
        done = d("poll_task", s["task"].id, lambda t: t.status != "running", sleep_s=0.1)
        check(done.status == "succeeded", done.status)

    def poll_task_until_succeeded():
        s["done"] = d("poll_task_until_succeeded", s["task"].id, sleep_s=0.1)
        check(s["done"].status == "succeeded")

    def retrieve_upload():
        upload = d("retrieve_upload", int(str(s["done"].result_url).rstrip("/").split("/")[-1]))
        s["uploaded"] = int(upload.annotations[0].split("/")[-1])

    def poll_annotation():
        annotation = d("poll_annotation", s["uploaded"], lambda a: a.status not in ("importing", "created"), sleep_s=0.1)
        check(annotation.status == "to_review", annotation.status)

    def poll_annotation_until_imported():
        check(d("poll_annotation_until_imported", s["uploaded"], sleep_s=0.1).status == "to_review")

    def import_document():
        check(len(d("import_document", s["queues"][0].id, [(pdf, f"interop-legacy-{label}.pdf")])) == 1)

    def upload_and_wait_until_imported():
        annotation = d("upload_and_wait_until_imported", s["queues"][0].id, pdf, f"interop-wait-{label}.pdf", sleep_s=0.1)
        check(annotation.status == "to_review", annotation.status)

    def create_new_document():
        s["document"] = d("create_new_document", f"interop-{label}.pdf", b"%PDF-1.4 interop", metadata={"source": "interop"})

    def retrieve_document():
        check(d("retrieve_document", s["document"].id).original_file_name == f"interop-{label}.pdf")

    def retrieve_document_content():
        check(d("retrieve_document_content", s["document"].id) == b"%PDF-1.4 interop")

    def create_new_annotation():
        s["annotation"] = d("create_new_annotation", {"document": s["document"].url, "queue": s["queue"].url})

    def create_new_relation():
        s["relation"] = d("create_new_relation", {"type": "duplicate", "annotations": [s["annotation"].url, s["to_review"][4].url]})

    def list_relations():
        check(s["relation"].id in [r.id for r in d("list_relations", type="duplicate")])

    def create_new_document_relation():
        s["document_relation"] = d("create_new_document_relation", {"type": "export", "annotation": s["annotation"].url, "documents": [s["document"].url]})

    def list_document_relations():
        check([r.id for r in d("list_document_relations", annotation=s["annotation"].id)] == [s["document_relation"].id])

    def retrieve_document_relation():
        check(d("retrieve_document_relation", s["document_relation"].id).documents == [s["document"].url])

    def update_part_document_relation():
        check(d("update_part_document_relation", s["document_relation"].id, {"key": "interop"}).key == "interop")

    def update_document_relation():
        data = {"type": "export", "annotation": s["annotation"].url, "documents": [s["document"].url], "key": "put"}
        check(d("update_document_relation", s["document_relation"].id, data).key == "put")

    def delete_document_relation():
        d("delete_document_relation", s["document_relation"].id)
        check(s["document_relation"].id not in [r.id for r in d("list_document_relations")])

    def export_annotations_to_json():
        queue_id = s["queues"][0].id
        exported = d("export_annotations_to_json", queue_id, status="exported")
        expected = d("request_json", "GET", "annotations", params={"queue": queue_id, "status": "exported", "page_size": 1})["pagination"]["total"]
        check(len(exported) == expected > 0 and exported[0].content, f"{len(exported)} vs {expected}")

    def export_annotations_to_file():
        queue_id = s["queues"][0].id
        csv = b"".join(d("export_annotations_to_file", queue_id, ExportFileFormats.CSV, status="exported")).decode()
        check(csv.startswith("annotation_id,"), csv[:80])
        xml = b"".join(d("export_annotations_to_file", queue_id, ExportFileFormats.XML, status="exported"))
        check(xml.startswith(b"<?xml"), xml[:40])
        xlsx = b"".join(d("export_annotations_to_file", queue_id, ExportFileFormats.XLSX, status="exported"))
        rows = xlsx_rows(xlsx)
        check(rows[0][0] == "annotation_id" and len(rows) == len(csv.strip().split("\r\n")), f"{len(rows)} rows")
        check(rows[1][0] == csv.split("\r\n")[1].split(",")[0], "first row differs from the CSV")

    def list_hooks():
        check(isinstance(d("list_hooks"), list))

    def create_new_hook():
        s["hook"] = d("create_new_hook", {"name": f"Interop {label}", "type": "webhook", "queues": [s["queue"].url],
                                          "events": ["annotation_status.changed"], "config": {"url": "https://example.com/h"}})

    def retrieve_hook():
        check(d("retrieve_hook", s["hook"].id).name == f"Interop {label}")

    def update_part_hook():
        check(d("update_part_hook", s["hook"].id, {"active": False}).active is False)
        check([h.id for h in d("list_hooks", queue=s["queue"].id)] == [s["hook"].id])

    def list_hook_templates():
        templates = d("list_hook_templates")
        check(len(templates) >= 4 and all(t.extension_source == "rossum_store" for t in templates))
        s["hook_template"] = templates[0]

    def retrieve_hook_template():
        check(d("retrieve_hook_template", s["hook_template"].id).name == s["hook_template"].name)

    def list_hook_run_data():
        check(isinstance(d("list_hook_run_data", hook=s["hook"].id), list))
        # The demo's seeded history: failed runs of its extensions, with their request bodies.
        failures = d("list_hook_run_data", log_level="ERROR")
        check(failures and all(r.log_level == "ERROR" and r.hook_id and r.request for r in failures), repr(failures[:1])[:300])

    def delete_hook():
        d("delete_hook", s["hook"].id)
        check(s["hook"].id not in [h.id for h in d("list_hooks")])

    def create_new_connector():
        s["connector"] = d("create_new_connector", {"name": f"Interop {label}", "service_url": "https://example.com/c", "queues": [s["queue"].url]})

    def retrieve_connector():
        check(d("retrieve_connector", s["connector"].id).service_url == "https://example.com/c")

    def list_connectors():
        check(s["connector"].id in [c.id for c in d("list_connectors")])

    def create_new_inbox():
        s["inbox"] = d("create_new_inbox", {"name": f"Interop {label}", "queues": [s["queue"].url], "email_prefix": f"interop-{label}",
                                            "email": f"interop-{label}@sandbox.rossum.local"})
        check(s["inbox"].queues == [s["queue"].url])

    def import_email():
        raw = f"From: a@example.com\r\nTo: {s['inbox'].email}\r\nSubject: Interop\r\n\r\nHello".encode()
        url = d("import_email", raw, s["inbox"].email)
        check(isinstance(url, str) and "/tasks/" in url, repr(url))

    def retrieve_email():
        emails = d("request_json", "GET", "emails", params={"queue": s["queue"].id})["results"]
        check(emails, "no email to retrieve")
        check(d("retrieve_email", emails[0]["id"]).id == emails[0]["id"])

    def create_new_email_template():
        s["template"] = d("create_new_email_template", {"name": f"Interop {label}", "queue": s["queue"].url, "subject": "Hi", "message": "Hello"})

    def retrieve_email_template():
        check(d("retrieve_email_template", s["template"].id).name == f"Interop {label}")

    def list_email_templates():
        check(s["template"].id in [t.id for t in d("list_email_templates", queue=s["queue"].id)])

    def list_rules():
        check(any(r.actions for r in d("list_rules")), "no seeded rule with actions")

    def create_new_rule():
        action = {"id": "interop", "type": "show_message", "event": "annotation_confirmed", "enabled": True,
                  "payload": {"type": "info", "content": "Interop"}}
        s["rule"] = d("create_new_rule", {"name": f"Interop {label}", "queues": [s["queues"][0].url], "actions": [action]})
        check(s["rule"].actions[0].type == "show_message", repr(s["rule"].actions))

    def retrieve_rule():
        check(d("retrieve_rule", s["rule"].id).name == f"Interop {label}")

    def update_part_rule():
        check(d("update_part_rule", s["rule"].id, {"description": "patched"}).description == "patched")

    def list_rules_execution_logs():
        target = s["to_review"][5].id
        d("start_annotation", target)
        d("confirm_annotation", target)
        logs = d("list_rules_execution_logs", rule=s["rule"].id, annotation=target)
        check(len(logs) == 1 and logs[0].execution_result == "success" and logs[0].trigger_event == "annotation_confirmed", repr(logs))

    def delete_rule():
        d("delete_rule", s["rule"].id)
        check(s["rule"].id not in [r.id for r in d("list_rules")])

    def retrieve_automation_insights():
        stats = d("retrieve_automation_insights", s["queues"][0].id)
        check(0 <= stats.document_automation_rate <= 1 and stats.datapoint_statistics, repr(stats)[:200])

    def retrieve_automation_projections():
        fields = [FieldErrorRateLimit(schema_id="amount_total", error_rate_limit=0.05)]
        projections = d("retrieve_automation_projections", s["queues"][0].id, fields, exclude_blockers=["extension"])
        check(projections.projections and projections.used_document_count > 0, repr(projections)[:200])

    def create_new_automation_target():
        target = DatapointAutomationTarget(schema_id="amount_total", error_rate_target=0.01, confidence_threshold=0.97)
        check(d("create_new_automation_target", s["queue"].id, 0.5, 0.02, [target]) is None)

    def list_automation_targets():
        targets = d("list_automation_targets", s["queue"].id)
        check(len(targets) == 1 and targets[0].datapoint_automation_targets[0].confidence_threshold == 0.97, repr(targets))

    def request_paginated():
        check(len(list(d("request_paginated", "workspaces"))) == len(d("list_workspaces")))

    def request_cursor_paginated():
        first = d("request_cursor_paginated", "queues", ordering=["id"])
        check([q["id"] for q in first] == [q.id for q in d("list_queues", ordering=["id"])], "cursor pages differ")

    def request_json():
        check(d("request_json", "GET", "auth/user")["username"] == USERNAME)

    def request():
        check(d("request", "GET", f"documents/{s['document'].id}/content").content == b"%PDF-1.4 interop")

    def delete_queue():
        d("delete_queue", s["queue"].id)
        check(d("retrieve_queue", s["queue"].id).status == "deletion_requested")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                d("retrieve_queue", s["queue"].id)
            except APIClientError as error:
                check(error.status_code == 404, str(error))
                return
            time.sleep(0.1)
        raise AssertionError("queue still there after its deletion delay")

    def delete_schema():
        d("delete_schema", s["schema"].id)
        check(s["schema"].id not in [x.id for x in d("list_schemas")])

    def delete_workspace():
        d("delete_workspace", s["workspace"].id)
        check(d("list_workspaces", name=f"Interop {label}") == [])

    def change_user_password():
        d("change_user_password", "new-password")

    def reset_user_password():
        d("reset_user_password", "someone@example.com")

    return [(name, fn) for name, fn in locals().items() if callable(fn) and not name.startswith("_") and name not in ("d", "s")]


def xlsx_rows(data: bytes) -> list[list[str]]:
    """The first sheet's rows, read with zipfile and the sheet XML (openpyxl is not required)."""
    ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check(archive.testzip() is None, "corrupt zip entry")
        check("xl/workbook.xml" in archive.namelist(), repr(archive.namelist()))
        sheet = ElementTree.fromstring(archive.read("xl/worksheets/sheet1.xml"))
    rows = []
    for row in sheet.iterfind(".//m:row", ns):
        cells = {}
        for cell in row.iterfind("m:c", ns):
            column = "".join(ch for ch in cell.get("r") if ch.isalpha())
            index = 0
            for ch in column:
                index = index * 26 + ord(ch) - 64
            cells[index - 1] = "".join(t.text or "" for t in cell.iterfind(".//m:t", ns))
        rows.append([cells.get(i, "") for i in range(max(cells) + 1)] if cells else [])
    return rows


def run_client(label, client, loop=None):
    driver = Driver(label, client, loop)
    state = {}
    table = checks(driver, state)
    public = sorted(n for n, _ in inspect.getmembers(type(client), callable) if not n.startswith("_"))
    checked = {name for name, _ in table}
    for name, fn in table:
        if name not in public:
            continue  # the other client's method (e.g. sync-only retrieve_my_organization)
        full = f"{label}.{name}"
        try:
            fn()
        except NotImplementedError:
            ok = name in SDK_UNIMPLEMENTED
            report(full + " (NotImplementedError in the SDK)" if ok else full, ok, "" if ok else "NotImplementedError")
        except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
            report(full, False, f"{type(error).__name__}: {str(error)[:300]}")
        else:
            report(full, True)
    for name in public:
        if name not in checked:
            report(f"{label}.{name}", False, "public method not exercised by sdk_interop.py")


def endpoints(sync):
    """Endpoints outside the SDK's methods, called through its generic `request` methods."""
    d = Driver("sync", sync)

    def status_of(method, path, **kwargs):
        try:
            d("request", method, path, **kwargs)
        except APIClientError as error:
            return error.status_code
        return 200

    def search_after_cursor():
        first = d("request_json", "POST", "annotations/search", params={"page_size": 50}, json={"query": {"status": {"$in": ["exported"]}}})
        next_url = first["pagination"]["next"]
        check(next_url and "search_after=" in next_url, repr(next_url))
        seen = [a["id"] for a in first["results"]]
        while next_url:
            page = d("request_json", "POST", next_url, json={"query": {"status": {"$in": ["exported"]}}})
            seen += [a["id"] for a in page["results"]]
            next_url = page["pagination"]["next"]
        check(len(seen) == len(set(seen)) == first["pagination"]["total"], f"{len(seen)} of {first['pagination']['total']}")

    def upload_answers_task_url():
        # The task's url is the answer; `results` stays beside it because the sync client's
        # upload_document reads results[0].annotation from this very answer (the referee wins).
        with open(sample_pdf(), "rb") as file:
            answer = d("request_json", "POST", f"uploads?queue={sync.list_queues().__next__().id}", files={"content": ("u.pdf", file.read())})
        check("/tasks/" in answer.get("url", "") and answer.get("results", [{}])[0].get("annotation"), repr(answer))

    def delete_document():
        document = sync.create_new_document("interop-delete.pdf", b"%PDF-1.4 delete me")
        check(status_of("DELETE", f"documents/{document.id}") == 200)
        check(status_of("GET", f"documents/{document.id}") == 404)

    def emails_list_and_raw_content():
        emails = d("request_json", "GET", "emails", params={"has_documents": "true", "ordering": "-created_at"})["results"]
        check(emails and emails[0]["annotations"], "no seeded e-mail with annotations")
        annotation = d("request_json", "GET", emails[0]["annotations"][0])
        check(annotation["email"] == emails[0]["url"], repr(annotation["email"]))
        raw = d("request", "GET", emails[0]["content"]).content
        check(emails[0]["subject"].encode() in raw or b"Subject:" in raw, raw[:200])

    def hook_generate_payload_then_test():
        hook = next(h for h in sync.list_hooks() if h.name == "Supplier matching (MDH)")
        annotation = next(iter(sync.list_annotations(status=["to_review"])))
        payload = d("request_json", "POST", f"hooks/{hook.id}/generate_payload",
                    json={"event": "annotation_content", "action": "updated", "annotation": annotation.url})
        check(payload["annotation"]["url"] == annotation.url and payload["rossum_authorization_token"], repr(payload)[:200])
        tested = d("request_json", "POST", f"hooks/{hook.id}/test", json={"payload": payload})
        check(isinstance(tested["response"].get("messages"), list), repr(tested))

    def hook_invoke():
        hook = sync.create_new_hook({"name": "Interop invocation", "type": "webhook", "events": ["invocation.manual"],
                                     "config": {"url": "https://example.com/invoke"}, "queues": []})
        try:
            answer = d("request_json", "POST", f"hooks/{hook.id}/invoke", json={"note": "interop"})
            check(isinstance(answer.get("messages"), list), repr(answer))
        finally:
            sync.delete_hook(hook.id)

    def annotation_copy_and_assign():
        annotation = next(iter(sync.list_annotations(status=["to_review"])))
        queue = next(q for q in sync.list_queues() if q.url != annotation.queue)
        copied = d("request_json", "POST", f"annotations/{annotation.id}/copy", json={"target_queue": queue.url, "target_status": "postponed"})
        copy = sync.retrieve_annotation(int(copied["annotation"].rstrip("/").rsplit("/", 1)[1]))
        check(copy.queue == queue.url and copy.status == "postponed" and copy.document == annotation.document, repr(copy)[:200])
        user = next(iter(sync.list_users()))
        check(status_of("POST", "annotations/assign", json={"annotations": [copy.url], "assignees": [user.url]}) == 200)
        check(sync.retrieve_annotation(copy.id).assignees == [user.url])

    def wrong_method_is_405():
        check(status_of("DELETE", "hook_templates") == 405 and status_of("PUT", "rules_execution_logs") == 405)

    for name, fn in [("annotations/search pages with search_after in next", search_after_cursor),
                     ("POST uploads answers with the task url", upload_answers_task_url),
                     ("DELETE documents/{id}", delete_document), ("wrong method on a known route is 405", wrong_method_is_405),
                     ("GET emails (filters, ordering) and emails/{id}/content", emails_list_and_raw_content),
                     ("POST hooks/{id}/generate_payload then hooks/{id}/test", hook_generate_payload_then_test),
                     ("POST hooks/{id}/invoke", hook_invoke),
                     ("POST annotations/{id}/copy and annotations/assign", annotation_copy_and_assign)]:
        try:
            fn()
        except Exception as error:  # noqa: BLE001
            report(f"endpoint {name}", False, f"{type(error).__name__}: {str(error)[:300]}")
        else:
            report(f"endpoint {name}", True)


def main():
    loop = asyncio.new_event_loop()
    async_client = AsyncRossumAPIClient(BASE_URL, UserCredentials(USERNAME, PASSWORD), n_retries=2)
    run_client("async", async_client, loop)
    sync_client = SyncRossumAPIClient(BASE_URL, UserCredentials(USERNAME, PASSWORD))
    run_client("sync", sync_client)
    endpoints(sync_client)
    loop.close()
    passed = sum(1 for _, ok, _ in results if ok)
    failed = len(results) - passed
    print(f"sdk-interop: {passed} passed, {failed} failed, {len(gaps)} known gaps")
    return failed


if __name__ == "__main__":
    sys.exit(1 if main() else 0)
