"""Drives a running rossum-sandbox with the official Python SDK (rossum-api).

Usage: sdk_interop.py BASE_URL USERNAME PASSWORD   (BASE_URL ends with /api/v1)
Prints one line per check and a summary `sdk-interop: N passed, M failed`; exits 1 on any failure.
"""

import asyncio
import os
import sys
import tempfile
import traceback

import httpx
from rossum_api import APIClientError, AsyncRossumAPIClient, SyncRossumAPIClient
from rossum_api.domain_logic.annotations import ExportFileFormats
from rossum_api.dtos import UserCredentials

BASE_URL, USERNAME, PASSWORD = sys.argv[1], sys.argv[2], sys.argv[3]
results: list[tuple[str, bool, str]] = []


def check(name, condition, detail=""):
    if not condition:
        raise AssertionError(f"{name}: {detail}")


async def run(name, coroutine):
    try:
        await coroutine
        results.append((name, True, ""))
        print(f"  ok    {name}")
    except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the run
        results.append((name, False, f"{type(error).__name__}: {error}"))
        print(f"  FAIL  {name}: {type(error).__name__}: {error}")
        traceback.print_exc(limit=3)


def sample_pdf() -> str:
    handle, path = tempfile.mkstemp(suffix=".pdf")
    with os.fdopen(handle, "wb") as file:
        file.write(b"%PDF-1.4\n% sdk interop upload\n%%EOF\n")
    return path


def raw_total(path: str, token: str) -> int:
    response = httpx.get(f"{BASE_URL}/{path}", headers={"Authorization": f"Bearer {token}"})
    response.raise_for_status()
    return response.json()["pagination"]["total"]


async def main():
    client = AsyncRossumAPIClient(BASE_URL, UserCredentials(USERNAME, PASSWORD), n_retries=2)
    sync = SyncRossumAPIClient(BASE_URL, UserCredentials(USERNAME, PASSWORD))
    state = {}

    async def login():
        token = await client.get_token()
        check("token", isinstance(token, str) and len(token) >= 20, repr(token))
        state["token"] = token
        organization = await client.retrieve_own_organization()
        check("organization", organization.name, repr(organization))

    async def workspaces_and_queues():
        workspaces = [w async for w in client.list_workspaces()]
        check("workspaces", len(workspaces) >= 3, f"{len(workspaces)} workspaces")
        queues = [q async for q in client.list_queues(ordering=["name"])]
        check("queues", len(queues) >= 6, f"{len(queues)} queues")
        check("queue counts", all("to_review" in q.counts for q in queues), "counts missing")
        state["queues"] = queues
        sync_queues = list(sync.list_queues())
        check("sync queues", len(sync_queues) == len(queues), f"{len(sync_queues)} vs {len(queues)}")

    async def annotations_across_pages():
        expected = raw_total("annotations?page_size=1", state["token"])
        listed = [a async for a in client.list_annotations()]
        check("all pages", len(listed) == expected and expected > 200, f"{len(listed)} listed, {expected} expected")
        check("unique", len({a.id for a in listed}) == len(listed), "duplicates across pages")
        to_review = [a async for a in client.list_annotations(status="to_review,postponed", ordering=["-created_at"])]
        check("status filter", to_review and all(a.status in ("to_review", "postponed") for a in to_review), "wrong statuses")
        stamps = [a.created_at for a in to_review]
        check("ordering", stamps == sorted(stamps, reverse=True), "not ordered by -created_at")
        sync_listed = list(sync.list_annotations(status="exported"))
        check("sync list", len(sync_listed) == raw_total("annotations?status=exported&page_size=1", state["token"]), "sync count differs")
        state["to_review"] = [a for a in to_review if a.status == "to_review"]

    async def sideloads():
        annotations = []
        async for a in client.list_annotations(
            sideloads=["content", "documents", "modifiers"], content_schema_ids=["sender_name", "amount_total"], status="exported"
        ):
            annotations.append(a)
            if len(annotations) >= 150:
                break
        first = annotations[0]
        check("document sideload", hasattr(first.document, "original_file_name"), repr(first.document))
        check("content sideload", isinstance(first.content, list) and {d["schema_id"] for d in first.content} == {"sender_name", "amount_total"}, repr(first.content)[:200])
        annotation = await client.retrieve_annotation(state["to_review"][0].id, sideloads=["content", "documents"])
        check("retrieve document", hasattr(annotation.document, "mime_type"), repr(annotation.document))
        check("retrieve content", isinstance(annotation.content, list) and annotation.content[0]["category"] == "section", repr(annotation.content)[:200])
        content = await client.request("GET", f"documents/{annotation.document.id}/content")
        check("document bytes", content.content.startswith(b"%PDF"), content.content[:20])

    async def confirm():
        target = state["to_review"][1].id
        await client.start_annotation(target)
        await client.bulk_update_annotation_data(target, [])
        await client.confirm_annotation(target)
        annotation = await client.retrieve_annotation(target)
        check("confirmed", annotation.status in ("confirmed", "exported"), annotation.status)
        if annotation.status == "confirmed":  # queues with a confirmed state export on the second confirm
            await client.confirm_annotation(target)
            annotation = await client.retrieve_annotation(target)
        check("exported", annotation.status == "exported", annotation.status)
        try:
            await client.start_annotation(target)
        except APIClientError as error:
            check("409 on start of exported", error.status_code == 409, str(error))
        else:
            raise AssertionError("starting an exported annotation did not fail")
        deleted = state["to_review"][2].id
        await client.delete_annotation(deleted)
        try:
            await client.confirm_annotation(deleted)
        except APIClientError as error:
            check("409 on confirm of deleted", error.status_code == 409, str(error))
        else:
            raise AssertionError("confirming a deleted annotation did not fail")

    async def upload():
        path = sample_pdf()
        queue_id = state["queues"][0].id
        (task,) = await client.upload_document(queue_id, [(path, "interop-invoice.pdf")])
        check("task", task.status in ("running", "succeeded"), task.status)
        done = await asyncio.wait_for(client.poll_task_until_succeeded(task.id, sleep_s=0.1), timeout=20)
        check("task succeeded", done.status == "succeeded", done.status)
        upload = await client.retrieve_upload(int(str(done.result_url).rstrip("/").split("/")[-1]))
        annotation_id = int(upload.annotations[0].split("/")[-1])
        annotation = await asyncio.wait_for(client.poll_annotation_until_imported(annotation_id, sleep_s=0.1), timeout=20)
        check("imported", annotation.status == "to_review", annotation.status)
        (sync_task,) = sync.upload_document(queue_id, [(path, "interop-sync.pdf")])
        check("sync task", sync_task.status in ("running", "succeeded"), sync_task.status)
        legacy = await client.import_document(queue_id, [(path, "interop-legacy.pdf")])
        check("legacy upload", len(legacy) == 1, repr(legacy))
        os.unlink(path)

    async def export():
        queue_id = state["queues"][0].id
        exported = [a async for a in client.export_annotations_to_json(queue_id, status="exported")]
        expected = raw_total(f"annotations?queue={queue_id}&status=exported&page_size=1", state["token"])
        check("json export", len(exported) == expected and expected > 0, f"{len(exported)} vs {expected}")
        check("json export content", isinstance(exported[0].content, list) and exported[0].content, "no content")
        chunks = [c async for c in client.export_annotations_to_file(queue_id, ExportFileFormats.CSV, status="exported")]
        csv = b"".join(chunks).decode("utf-8")
        check("csv export", csv.startswith("annotation_id,") and csv.count("\n") > expected, csv[:100])
        xml = b"".join([c async for c in client.export_annotations_to_file(queue_id, ExportFileFormats.XML, status="exported")])
        check("xml export", xml.startswith(b"<?xml"), xml[:60])

    async def search_and_errors():
        found = [a async for a in client.search_for_annotations(query={"$and": [{"status": {"$in": ["postponed"]}}]})]
        check("search", found and all(a.status == "postponed" for a in found), f"{len(found)} found")
        try:
            await client.retrieve_workspace(999999)
        except APIClientError as error:
            check("404 detail", error.status_code == 404 and "detail" in str(error), str(error))
        else:
            raise AssertionError("missing workspace did not fail")

    async def resource_families():
        org = await client.retrieve_own_organization()
        workspace = await client.create_new_workspace({"name": "Interop workspace", "organization": org.url})
        check("workspace", workspace.name == "Interop workspace", repr(workspace))
        check("retrieve workspace", (await client.retrieve_workspace(workspace.id)).id == workspace.id, "")
        schema_json = await client.request_json("GET", "schemas/1")
        schema = await client.create_new_schema({"name": "Interop schema", "content": schema_json["content"]})
        check("schema sections", schema.content and schema.content[0].category == "section", repr(schema.content)[:100])
        queue = await client.create_new_queue({"name": "Interop queue", "workspace": workspace.url, "schema": schema.url})
        check("queue", queue.counts.get("to_review") == 0, repr(queue.counts))
        check("queues filter", [q.id async for q in client.list_queues(workspace=workspace.id)] == [queue.id], "filter by workspace")
        hook = await client.create_new_hook({"name": "Interop hook", "type": "webhook", "queues": [queue.url],
                                              "events": ["annotation_status.changed"], "config": {"url": "https://example.com/h"}})
        hook = await client.update_part_hook(hook.id, {"active": False})
        check("hook", hook.active is False and [h.id async for h in client.list_hooks(queue=queue.id)] == [hook.id], repr(hook))
        connector = await client.create_new_connector({"name": "Interop connector", "service_url": "https://example.com/c", "queues": [queue.url]})
        check("connector", (await client.retrieve_connector(connector.id)).service_url == "https://example.com/c", "")
        inbox = await client.create_new_inbox({"name": "Interop inbox", "queues": [queue.url], "email_prefix": "interop", "email": "interop@sandbox.rossum.local"})
        check("inbox", inbox.queues == [queue.url], repr(inbox))
        template = await client.create_new_email_template({"name": "Interop template", "queue": queue.url, "subject": "Hi", "message": "Hello"})
        check("email template", (await client.retrieve_email_template(template.id)).name == "Interop template", "")
        check("email templates", len([t async for t in client.list_email_templates()]) >= 7, "")
        user = await client.create_new_user({"username": "interop@example.com", "email": "interop@example.com", "organization": org.url, "password": "pw-interop"})
        check("user", (await client.retrieve_user(user.id)).username == "interop@example.com", "")
        roles = [r async for r in client.list_user_roles()]
        check("user roles", {r.name for r in roles} >= {"admin", "annotator"}, repr(roles))
        check("organization groups", len([g async for g in client.list_organization_groups()]) == 1, "")
        limits = await client.retrieve_organization_limit(org.id)
        check("limits", limits.email_limits is not None, repr(limits))
        document = await client.create_new_document("interop.pdf", b"%PDF-1.4 interop", metadata={"source": "interop"})
        check("document", await client.retrieve_document_content(document.id) == b"%PDF-1.4 interop", "content bytes")
        annotation = await client.create_new_annotation({"document": document.url, "queue": queue.url})
        relation = await client.create_new_relation({"type": "duplicate", "annotations": [annotation.url, state["to_review"][3].url]})
        check("relation", [r.id async for r in client.list_relations(type="duplicate")][-1] == relation.id, "")
        document_relation = await client.create_new_document_relation({"type": "export", "annotation": annotation.url, "documents": [document.url]})
        check("document relation", (await client.retrieve_document_relation(document_relation.id)).documents == [document.url], "")
        try:
            await client.delete_schema(schema.id)
        except APIClientError as error:
            check("409 schema in use", error.status_code == 409, str(error))
        else:
            raise AssertionError("deleting a schema in use did not fail")
        await client.delete_hook(hook.id)
        await client.delete_queue(queue.id)
        await client.delete_schema(schema.id)
        await client.delete_workspace(workspace.id)
        check("cleaned up", [w async for w in client.list_workspaces(name="Interop workspace")] == [], "workspace still listed")

    await run("login with credentials", login())
    await run("workspaces and queues (async + sync)", workspaces_and_queues())
    await run("annotations across several pages", annotations_across_pages())
    await run("sideloads (list and retrieve)", sideloads())
    await run("start, confirm, delete (+409s)", confirm())
    await run("upload and poll task (async, sync, legacy)", upload())
    await run("export json, csv, xml", export())
    await run("search and error bodies", search_and_errors())
    await run("every resource family (create, list, retrieve, update, delete)", resource_families())

    passed = sum(1 for _, ok, _ in results if ok)
    failed = len(results) - passed
    print(f"sdk-interop: {passed} passed, {failed} failed")
    return failed


if __name__ == "__main__":
    sys.exit(1 if asyncio.run(main()) else 0)
