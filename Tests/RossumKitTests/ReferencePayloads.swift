/// The example payloads of the API reference notes, verbatim but for the host.
enum ReferencePayloads {
    static let annotation = #"""
    {"id":314528,"url":"https://E/api/v1/annotations/314528","status":"to_review",
     "document":"https://E/api/v1/documents/314628","queue":"https://E/api/v1/queues/8199",
     "schema":"https://E/api/v1/schemas/95","relations":[],"pages":["https://E/api/v1/pages/558598"],
     "creator":"https://E/api/v1/users/1","modifier":null,"modified_by":null,"assigned_at":null,
     "created_at":"2021-04-26T10:08:03.856648Z","confirmed_at":null,"deleted_at":null,"exported_at":null,
     "export_failed_at":null,"modified_at":null,"purged_at":null,"rejected_at":null,"confirmed_by":null,
     "deleted_by":null,"exported_by":null,"purged_by":null,"rejected_by":null,"rir_poll_id":"54f6b9ecfa751789f71ddf12",
     "messages":null,"content":"https://E/api/v1/annotations/314528/content","time_spent":0,"metadata":{},
     "related_emails":[],"email":"https://E/api/v1/emails/96743","automation_blocker":null,
     "email_thread":"https://E/api/v1/email_threads/34567","has_email_thread_with_replies":true,
     "has_email_thread_with_new_replies":false,"organization":"https://E/api/v1/organizations/1",
     "prediction":null,"assignees":[],"labels":[],"training_enabled":true,"einvoice":false}
    """#

    static let queue = #"""
    {"id":8198,"name":"Received invoices","url":"https://E/api/v1/queues/8198","workspace":"https://E/api/v1/workspaces/7540",
     "connector":null,"webhooks":[],"hooks":[],"schema":"https://E/api/v1/schemas/31336","inbox":"https://E/api/v1/inboxes/1229",
     "users":["https://E/api/v1/users/10775"],"session_timeout":"01:00:00","rir_url":"https://all.rir.rossum.ai","rir_params":null,
     "dedicated_engine":null,"generic_engine":"https://E/api/v1/generic_engines/1","engine":null,
     "counts":{"importing":0,"split":0,"failed_import":0,"to_review":2,"reviewing":0,"confirmed":0,"exporting":0,
               "postponed":0,"failed_export":0,"exported":0,"deleted":0,"purged":0,"rejected":0},
     "default_score_threshold":0.8,"automation_enabled":false,"automation_level":"never","locale":"en_US","metadata":{},
     "use_confirmed_state":false,"document_lifetime":"01:00:00","delete_after":null,
     "settings":{"columns":[{"schema_id":"tags"}],"hide_export_button":true,
       "automation":{"automate_duplicates":true,"automate_suggested_edit":false},"rejection_config":{"enabled":true},
       "email_notifications":{"recipient":{"email":"john.doe@company.com","name":"John Doe"},"unprocessable_attachments":false,
         "email_with_no_attachments":true,"postponed_annotations":false,"deleted_annotations":false}}}
    """#

    static let workspace = #"""
    {"id":7540,"name":"East West Trading Co","url":"https://E/api/v1/workspaces/7540","autopilot":true,"organization":"https://E/api/v1/organizations/406","queues":["https://E/api/v1/queues/8199","https://E/api/v1/queues/8236"],"metadata":{}}
    """#

    static let document = #"""
    {"id":314628,"url":"https://E/api/v1/documents/314628","s3_name":"272c2f01ae84a4e19a421cb432e490bb","parent":"https://E/api/v1/documents/203517","email":"https://E/api/v1/emails/987654","annotations":["https://E/api/v1/annotations/314528"],"mime_type":"application/pdf","creator":"https://E/api/v1/users/1","created_at":"2019-10-13T23:04:00.933658Z","arrived_at":"2019-10-13T23:04:00.933658Z","original_file_name":"test_invoice_1.pdf","content":"https://E/api/v1/documents/314628/content","attachment_status":null,"metadata":{}}
    """#

    static let uploadTask = #"""
    {"id":16508,"url":"https://E/v1/tasks/16508","type":"upload_created","status":"succeeded","detail":null,"expires_at":"2024-07-31T19:06:47.916608Z","content":{"upload":"https://E/v1/uploads/37626"},"result_url":"https://E/v1/uploads/37626"}
    """#

    static let downloadTask = #"""
    {"id":24,"url":"https://E/api/v1/tasks/24","type":"documents_download","status":"running","expires_at":"2024-07-31T19:06:47Z","detail":null,"content":{"file_name":"my-archive.zip"}}
    """#

    static let upload = #"""
    {"id":37626,"url":"https://E/api/v1/uploads/37626","organization":"https://E/api/v1/organizations/69","creator":"https://E/api/v1/users/503166","created_at":"2024-07-31T13:06:47.903605Z","queue":"https://E/api/v1/queues/1403038","email":null,"documents":["https://E/api/v1/documents/2944953"],"additional_documents":[],"annotations":["https://E/api/v1/annotations/2804885"]}
    """#

    static let sideloadedList = #"""
    {"pagination":{"total":22,"total_pages":1,"next":null,"previous":null},
     "results":[{"id":320332,"url":"https://E/api/v1/annotations/320332","document":"https://E/api/v1/documents/320432","modifier":"https://E/api/v1/users/10775","status":"to_review","content":"https://E/api/v1/annotations/320332/content"},
                {"id":320333,"url":"https://E/api/v1/annotations/320333","document":"https://E/api/v1/documents/320433","modifier":null,"status":"to_review","content":"https://E/api/v1/annotations/320333/content"}],
     "documents":[{"id":320432,"url":"https://E/api/v1/documents/320432","original_file_name":"a.pdf"}],
     "modifiers":[{"id":10775,"url":"https://E/api/v1/users/10775","username":"jane"}],
     "content":[{"id":19434,"url":"https://E/api/v1/annotations/320332/content/19434","category":"datapoint","schema_id":"item_amount_total","content":{"value":"12.50","page":1,"position":[1,2,3,4]}}]}
    """#

    static let searchPage = #"""
    {"pagination":{"total":101,"total_pages":6,"next":"https://E/api/v1/annotations/search?search_after=eyJ","previous":null},"results":[]}
    """#

    static let legacyUpload = #"""
    {"results":[{"document":"https://E/api/v1/documents/3164197","annotation":"https://E/api/v1/annotations/3154459"}]}
    """#

    static let contentOperations = #"""
    {"operations":[{"op":"replace","id":"198143","value":{"content":{"value":"John","position":[103,110,121,122],"page":1},"hidden":false,"options":[],"validation_sources":["human"]}},{"op":"remove","id":"884061"},{"op":"add","id":"884060","value":[{"schema_id":"item_description","content":{"value":"Bottle"}}]}]}
    """#

    static let login = #"{"key": "db313f24f5738c8e04635e036ec8a45cdd6d6b03", "domain": "acme-corp.app.rossum.ai"}"#

    static let mdhOperation = #"""
    {"operation_type":"update","operation_id":"64f0c2a1b3e4d5f6a7b8c9d0","dataset_name":"vendors","status":"processing","status_ts":"2026-07-01T10:00:05Z","create_ts":"2026-07-01T10:00:00Z","file_metadata":{"filename":"data.json","file_size":123},"error":null}
    """#

    static let mdhOperationGeneric = #"{"id":"op-1","status":"success","detail":"done","created_at":"2026-07-01T10:00:00Z","updated_at":"2026-07-01T10:01:00Z"}"#

    static let mdhOperationV2 = #"{"_id":"op-2","status":"FAILED","type":"update","dataset_name":"vendors","message":"bad file","error_type":"validation","created":"x","started":"y","updated":"z"}"#

    static let storageOperation = #"{"code":"ok","message":"","result":{"_id":"64f0c2a1b3e4d5f6a7b8c9d0","user_id":7,"status":"RUNNING","operation":"drop","last_updated":"2026-07-01T10:00:00Z"}}"#

    static let storageAccept = #"{"code": "accept", "message": "Operation 64f0c2a1b3e4d5f6a7b8c9d0 accepted"}"#

    static let storageError = #"{"code": "error", "message": "Collection vendors does not exist"}"#

    static let hookRunData = #"""
    {"results":[{"log_level":"INFO","action":"changed","event":"annotation_status","request_id":"r-1","organization_id":1,"hook_id":5,"hook_type":"webhook","queue_id":8,"annotation_id":9,"message":"ok","status":"completed","status_code":200,"timestamp":"2026-07-01T10:00:00Z","uuid":"u-1"}]}
    """#
}
