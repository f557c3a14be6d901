extension RossumClient {
    /// Relations between annotations (edit, attachment, duplicate): list, retrieve, create, update, delete.
    public var relations: ResourceGroup<Relation> { ResourceGroup(client: self, path: "relations") }
    /// Relations between an annotation and documents (export, einvoice).
    public var documentRelations: ResourceGroup<DocumentRelation> { ResourceGroup(client: self, path: "document_relations") }
}
