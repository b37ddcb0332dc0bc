"""Named entities: the statistical NER model, news rules, roles, coreference and linking."""
