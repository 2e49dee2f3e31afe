"""What every desk page may offer of the exports: the story page's buttons read it here, so
the formats are listed once (`reports.formats.FORMATS`) and the screens showing claims need
not import the reports app, which sits above them."""

from reports.formats import prepared_formats, streamed_formats


def export_formats(request) -> dict:
    return {"streamed_formats": streamed_formats(), "prepared_formats": prepared_formats()}
