"""Uploaded pictures: accepted by content, limited in size, stored without metadata under a
generated name, with renditions for the reader's page."""

import io
import re
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image

from articles.images import (
    CheckedImageField,
    clean_image_upload,
    generate_renditions,
    inspect_image,
    rendition_name,
    rendition_widths,
    renditions_for,
)
from articles.models import Figure
from articles.tests.admin_helpers import change_form_data
from articles.tests.factories import ArticleFactory, FigureFactory, LeadFigureFactory, SectionFactory
from articles.tests.image_helpers import GPS_IFD, exif_with_gps, image_bytes, media_root, upload

pytestmark = pytest.mark.usefixtures("english_interface")

__all__ = ["media_root"]

UUID_NAME = re.compile(r"^[0-9a-f]{32}\.(jpg|png|webp|gif)$")


def stored(uploaded):
    return Image.open(io.BytesIO(uploaded.read()))


@pytest.mark.parametrize("image_format, extension", [("JPEG", "jpg"), ("PNG", "png"), ("WEBP", "webp"), ("GIF", "gif")])
def test_jpeg_png_webp_and_gif_are_accepted_and_stored_under_a_generated_name(image_format, extension):
    cleaned = clean_image_upload(upload(f"holiday photo.{extension}", image_bytes(image_format)))

    assert UUID_NAME.match(cleaned.name) and cleaned.name.endswith(f".{extension}")
    assert stored(cleaned).format == image_format


def test_a_png_named_jpg_is_taken_for_the_png_it_is():
    cleaned = clean_image_upload(upload("photo.jpg", image_bytes("PNG")))

    assert cleaned.name.endswith(".png")
    assert stored(cleaned).format == "PNG"


def test_a_text_file_named_png_is_refused_as_not_a_picture():
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(upload("chart.png", b"Quarterly results: up 4%\n", "image/png"))

    assert refused.value.code == "not_an_image"
    assert "not a picture" in refused.value.messages[0]


def test_a_bmp_is_refused_although_pillow_reads_it():
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(upload("scan.jpg", image_bytes("BMP")))

    assert refused.value.code == "format_not_allowed"
    assert "BMP" in refused.value.messages[0]


def test_a_picture_over_the_pixel_limit_is_refused_with_its_size(settings):
    settings.MAX_IMAGE_PIXELS = 1000

    with pytest.raises(ValidationError) as refused:
        inspect_image(upload("big.png", image_bytes("PNG", size=(50, 40))))

    assert refused.value.code == "too_many_pixels"
    assert "50 × 40" in refused.value.messages[0] and "1,000" in refused.value.messages[0]


def test_a_decompression_bomb_pillow_refuses_is_a_form_error_not_a_crash(monkeypatch, settings):
    settings.MAX_IMAGE_PIXELS = 10_000_000
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 100)

    with pytest.raises(ValidationError) as refused:
        CheckedImageField().clean(upload("bomb.png", image_bytes("PNG", size=(30, 30))))

    assert refused.value.code == "too_many_pixels"


def test_gps_and_camera_metadata_are_stripped_and_the_orientation_applied():
    # Orientation 6: the camera was turned; the picture is shown rotated by 90°.
    original = image_bytes("JPEG", size=(40, 20), exif=exif_with_gps(orientation=6))
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(GPS_IFD)

    cleaned = stored(clean_image_upload(upload("walk.jpg", original)))

    assert cleaned.size == (20, 40)
    assert not cleaned.getexif().get_ifd(GPS_IFD)
    assert dict(cleaned.getexif()) == {}


def test_renditions_are_never_wider_than_the_original():
    assert rendition_widths(2000) == [480, 800, 1200]
    assert rendition_widths(1000) == [480, 800, 1000]
    assert rendition_widths(300) == [300]
    assert rendition_widths(None) == []


def save_figure_with_image(figure, content, name="photo.jpg"):
    figure.image.save(name, ContentFile(content), save=True)
    figure.refresh_from_db()
    return figure


@pytest.mark.django_db
def test_generate_renditions_writes_webp_and_a_fallback_at_each_width(media_root):
    figure = save_figure_with_image(FigureFactory(), image_bytes("JPEG", size=(1000, 500)))

    written = generate_renditions(figure)

    assert sorted(written) == sorted(
        rendition_name(figure.image.name, width, extension)
        for width in (480, 800, 1000)
        for extension in ("webp", "jpg")
    )
    with Image.open(media_root / rendition_name(figure.image.name, 480, "webp")) as small:
        assert small.format == "WEBP" and small.size == (480, 240)


@pytest.mark.django_db
def test_a_png_falls_back_to_png_renditions(media_root):
    figure = save_figure_with_image(FigureFactory(), image_bytes("PNG", size=(600, 300)), name="chart.png")

    written = generate_renditions(figure)

    assert sorted(name.rsplit(".", 1)[1] for name in written) == ["png", "png", "webp", "webp"]


@pytest.mark.django_db
def test_renditions_for_gives_srcsets_once_the_files_exist(media_root):
    figure = save_figure_with_image(FigureFactory(), image_bytes("JPEG", size=(900, 600)))
    assert renditions_for(figure) is None

    generate_renditions(figure)
    renditions = renditions_for(figure)

    assert renditions.webp_srcset.count("w,") == 2 and renditions.webp_srcset.endswith(" 900w")
    assert "-480w.jpg 480w" in renditions.fallback_srcset and renditions.fallback_type == "image/jpeg"


@pytest.mark.django_db
def test_article_page_offers_webp_and_jpeg_renditions_in_a_picture_element(client, media_root):
    article = ArticleFactory()
    figure = save_figure_with_image(
        FigureFactory(section=SectionFactory(article=article)), image_bytes("JPEG", size=(1300, 650))
    )
    lead = save_figure_with_image(
        LeadFigureFactory(article=article), image_bytes("PNG", size=(500, 250)), name="map.png"
    )
    generate_renditions(figure)
    generate_renditions(lead)

    html = client.get(article.get_absolute_url()).content.decode()

    assert '<source type="image/webp" srcset="/media/renditions/' in html
    assert "-1200w.webp 1200w" in html and "-1200w.jpg 1200w" in html
    assert 'width="1300" height="650"' in html
    assert "-500w.png 500w" in html and "sizes=" in html


@pytest.mark.django_db
def test_build_renditions_command_makes_every_figures_renditions(media_root):
    figure = save_figure_with_image(FigureFactory(), image_bytes("JPEG", size=(700, 350)))
    out = StringIO()

    call_command("build_renditions", stdout=out)

    assert "4 renditions written" in out.getvalue()
    assert (media_root / rendition_name(figure.image.name, 700, "webp")).exists()


# Through the admin

FIGURES = "blocks-2"


def section_form_with_new_figure(client, section, **fields):
    url = reverse("admin:articles_section_change", args=[section.pk])
    data = change_form_data(client.get(url), "section_form")
    index = int(data[f"{FIGURES}-TOTAL_FORMS"])
    data[f"{FIGURES}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{FIGURES}-{index}-{name}": value for name, value in fields.items()})
    return url, data


@pytest.mark.django_db
def test_editor_uploads_a_figure_and_it_is_stored_cleaned_with_renditions_and_a_thumbnail(editor_client, media_root):
    section = SectionFactory(article=ArticleFactory())
    url, data = section_form_with_new_figure(
        editor_client,
        section,
        image=upload("IMG_0001 from my phone.jpg", image_bytes("JPEG", size=(1000, 600), exif=exif_with_gps())),
        alt_text="A crowd outside the parliament",
        caption="Protesters outside the parliament",
    )

    response = editor_client.post(url, data)

    assert response.status_code == 302
    figure = Figure.objects.get(section=section)
    assert re.match(r"^figures/\d{4}/\d{2}/[0-9a-f]{32}\.jpg$", figure.image.name)
    assert (figure.image_width, figure.image_height) == (1000, 600)
    with Image.open(media_root / figure.image.name) as saved:
        assert not saved.getexif().get_ifd(GPS_IFD)
    assert (media_root / rendition_name(figure.image.name, 480, "webp")).exists()
    change_page = editor_client.get(url).content.decode()
    assert 'class="admin-thumbnail"' in change_page and "-480w.webp" in change_page


def test_the_file_chooser_offers_the_accepted_formats():
    assert CheckedImageField().widget.attrs["accept"] == "image/jpeg,image/png,image/webp,image/gif"


@pytest.mark.django_db
def test_an_oversized_upload_in_the_admin_is_a_form_error_not_a_server_error(editor_client, media_root, settings):
    settings.MAX_IMAGE_PIXELS = 2000
    section = SectionFactory(article=ArticleFactory())
    url, data = section_form_with_new_figure(
        editor_client, section, image=upload("huge.png", image_bytes("PNG", size=(100, 100))), alt_text="A map"
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "100 × 100 pixels" in response.content.decode()
    assert not section.blocks.exists()


@pytest.mark.django_db
def test_a_text_file_uploaded_as_a_picture_is_refused_in_the_admin(editor_client, media_root):
    section = SectionFactory(article=ArticleFactory())
    url, data = section_form_with_new_figure(
        editor_client, section, image=upload("notes.png", b"not a picture at all", "image/png"), alt_text="Notes"
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "This file is not a picture" in response.content.decode()


def animated_gif():
    frames = [Image.new("RGB", (30, 20), color) for color in ((255, 0, 0), (0, 0, 255))]
    output = io.BytesIO()
    frames[0].save(output, "GIF", save_all=True, append_images=frames[1:], duration=100, loop=0)
    return output.getvalue()


def test_an_animated_gif_is_stored_as_its_first_frame():
    cleaned = clean_image_upload(upload("spinner.gif", animated_gif(), "image/gif"))

    picture = stored(cleaned)
    assert (picture.n_frames, picture.size) == (1, (30, 20))
    assert picture.convert("RGB").getpixel((0, 0)) == (255, 0, 0)


@pytest.mark.django_db
def test_an_animation_stored_before_keeps_its_frames_and_readers_get_the_original(media_root):
    figure = save_figure_with_image(FigureFactory(), animated_gif(), name="spinner.gif")

    assert generate_renditions(figure) == []
    assert renditions_for(figure) is None


@pytest.mark.django_db
def test_the_arrange_page_shows_a_figures_smallest_rendition(editor_client, media_root):
    article = ArticleFactory()
    figure = save_figure_with_image(
        FigureFactory(section=SectionFactory(article=article)), image_bytes("JPEG", size=(900, 450))
    )
    generate_renditions(figure)

    html = editor_client.get(reverse("admin:articles_article_arrange", args=[article.pk])).content.decode()

    assert f'src="/media/{rendition_name(figure.image.name, 480, "webp")}"' in html
