from collections.abc import Iterator

from webapp.content.library import ContentLibrary


def page_documents(library: ContentLibrary) -> Iterator[dict]:
    for page in library.pages().values():
        topic = library.pages().get(page.topic)
        yield {
            "id": f"page:{page.slug}",
            "doc_type": "page",
            "slug": page.slug,
            "title": page.title,
            "summary": page.summary,
            "topics": topic.title if topic else page.topic,
            "body": page.rendered.text,
            "place": "",
            "url": page.url,
            "kind": "advice",
        }
