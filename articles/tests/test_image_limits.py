"""Uploads are bounded: every frame of an animation counts against the pixel limit, an animation is
stored as its first frame, files have a maximum size, and comments are not stored.

Before, a 552 KB GIF of 20 frames at 6000 × 6000 passed the pixel check (which read the first
frame only) and took 29 s and 1.65 GB to re-encode; a 300 MB upload was accepted; JPEG and GIF
comments were kept in the stored file.
"""

import io
import struct
import time

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from articles.images import MAXIMUM_GIF_BLOCKS, clean_image_upload
from articles.tests.factories import ArticleFactory, SectionFactory
from articles.tests.image_helpers import image_bytes, media_root, upload
from articles.tests.test_images import section_form_with_new_figure

pytestmark = pytest.mark.usefixtures("english_interface")

__all__ = ["media_root"]


def gif_of_empty_frames(width, height, frames, comment_blocks=0):
    """A GIF whose frames are `width` × `height` but hold almost no data, as a decompression bomb is made."""
    screen = b"GIF89a" + struct.pack("<HHBBB", width, height, 0x80, 0, 0) + b"\x00\x00\x00\xff\xff\xff"
    comment = b"\x21\xfe" + b"\x01a" * comment_blocks + b"\x00" if comment_blocks else b""
    # An image descriptor, then the LZW code size 2 and one sub-block with a clear code and an end code.
    frame = b"\x2c" + struct.pack("<HHHHB", 0, 0, width, height, 0) + b"\x02\x01\x2c\x00"
    return screen + comment + frame * frames + b"\x3b"


def animation(image_format, frames, size=(20, 20)):
    colours = [(255, 0, 0), (0, 0, 255), (0, 255, 0), (255, 255, 0)]
    pictures = [Image.new("RGB", size, colours[number % len(colours)]) for number in range(frames)]
    output = io.BytesIO()
    pictures[0].save(output, image_format, save_all=True, append_images=pictures[1:], duration=100, loop=0)
    return output.getvalue()


def refusal(content, name="picture.gif", content_type="image/gif"):
    with pytest.raises(ValidationError) as refused:
        clean_image_upload(upload(name, content, content_type))
    return refused.value


def test_twenty_frames_of_6000_by_6000_are_refused_at_once():
    start = time.perf_counter()

    refused = refusal(gif_of_empty_frames(6000, 6000, 20))

    assert refused.code == "too_many_pixels"
    assert "20 frames of 6000 × 6000 pixels, more than the 40,000,000 pixels accepted" in refused.messages[0]
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(
    ("image_format", "content_type"), [("GIF", "image/gif"), ("WEBP", "image/webp"), ("PNG", "image/png")]
)
def test_every_frame_of_an_animation_counts_against_the_pixel_limit(settings, image_format, content_type):
    settings.MAX_IMAGE_PIXELS = 1000  # each 20 × 20 frame is 400 pixels; three are 1,200

    refused = refusal(animation(image_format, 3), name="animation", content_type=content_type)

    assert refused.code == "too_many_pixels" and "3 frames of 20 × 20 pixels" in refused.messages[0]


@pytest.mark.parametrize(("image_format", "content_type"), [("WEBP", "image/webp"), ("PNG", "image/png")])
def test_an_animated_webp_or_png_is_stored_as_its_first_frame(image_format, content_type):
    cleaned = clean_image_upload(upload("animation", animation(image_format, 3), content_type))

    picture = Image.open(io.BytesIO(cleaned.read()))
    assert getattr(picture, "n_frames", 1) == 1
    assert picture.convert("RGB").getpixel((0, 0))[0] > 200  # red, the first frame's colour


def test_a_gif_cut_into_millions_of_tiny_blocks_is_refused_quickly():
    start = time.perf_counter()

    refused = refusal(gif_of_empty_frames(10, 10, 1, comment_blocks=MAXIMUM_GIF_BLOCKS + 1))

    assert refused.code == "not_an_image" and "more pieces than any picture needs" in refused.messages[0]
    assert time.perf_counter() - start < 5


@pytest.mark.parametrize(("image_format", "extension"), [("JPEG", "jpg"), ("GIF", "gif")])
def test_comments_are_not_stored(image_format, extension):
    output = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 200, 10)).save(output, image_format, comment=b"Taken at the secret base")

    cleaned = clean_image_upload(upload(f"photo.{extension}", output.getvalue(), f"image/{extension}"))

    content = cleaned.read()
    assert b"secret base" not in content
    assert "comment" not in Image.open(io.BytesIO(content)).info


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.MAX_IMAGE_BYTES = 1000

    refused = refusal(image_bytes("PNG", size=(300, 300)) + b"\x00" * 2000, name="photo.png", content_type="image/png")

    assert refused.code == "file_too_large"
    assert "pictures up to 1000\xa0bytes are accepted" in refused.messages[0]


@pytest.mark.django_db
def test_the_admin_refuses_a_file_over_the_size_limit_at_the_field(editor_client, media_root, settings):
    settings.MAX_IMAGE_BYTES = 1000
    section = SectionFactory(article=ArticleFactory())
    url, data = section_form_with_new_figure(
        editor_client, section, image=upload("big.jpg", image_bytes("JPEG", size=(400, 400))), alt_text="A map"
    )

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert "pictures up to 1000\xa0bytes are accepted" in response.content.decode()
    assert not section.blocks.exists()
