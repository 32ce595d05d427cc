"""Uploaded pictures: what is accepted, what is stored, and the renditions readers download.

An upload is accepted by its content, as Pillow detects it (JPEG, PNG, WebP or GIF), never by
its file name, and only up to ``settings.MAX_IMAGE_BYTES`` and ``settings.MAX_IMAGE_PIXELS``,
every frame of an animation counted. What is stored is re-encoded from the pixels of the first
frame, with the camera's orientation applied and its metadata (GPS position, camera serial
numbers, comments…) left behind, under a generated name.

Renditions are narrower copies, in WebP and in a JPEG or PNG fallback, stored under
``MEDIA_ROOT/renditions/`` with names derived from the original's, so that a template can
write their URLs from the figure alone.
"""

import io
import os
import uuid
import warnings
from dataclasses import dataclass

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps

from .content_version import content_changed
from .public_changes import note_rows

# Pillow's format name → the extension the stored file gets.
ALLOWED_FORMATS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
MEDIA_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}
RENDITION_WIDTHS = (480, 800, 1200)
RENDITIONS_DIR = "renditions"
# The column a figure fills on the article page (see reader.css), for the browser's choice.
RENDITION_SIZES = "(min-width: 60rem) 52rem, 100vw"
# Encoders write a GIF's data in blocks of 255 bytes, so a picture of the accepted size has tens of
# thousands; millions of tiny blocks only make Pillow spend seconds reading them one by one.
MAXIMUM_GIF_BLOCKS = 200_000
# What a stored picture keeps besides its pixels (the ICC profile is passed on separately).
KEPT_INFO = {"transparency"}


@dataclass(frozen=True)
class ImageInfo:
    format: str
    width: int
    height: int
    frames: int = 1


def inspect_image(file):
    """The format, size and frames of an uploaded file, or a ValidationError saying why it is refused.

    Only headers and block lengths are read before the size is checked, every frame counted, so
    a decompression bomb is refused before its pixels are decoded.
    """
    file.seek(0)
    data = file.read()
    gif_frames = count_gif_frames(data) if data[:6] in (b"GIF87a", b"GIF89a") else None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
            image_format, (width, height) = image.format, image.size
            frames = gif_frames or getattr(image, "n_frames", 1)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(too_many_pixels_message(), code="too_many_pixels") from None
    except Exception:
        raise ValidationError(
            _("This file is not a picture. Upload a JPEG, PNG, WebP or GIF image."), code="not_an_image"
        ) from None
    finally:
        file.seek(0)
    if image_format not in ALLOWED_FORMATS:
        raise ValidationError(
            _("%(format)s pictures are not accepted. Upload a JPEG, PNG, WebP or GIF image."),
            code="format_not_allowed",
            params={"format": image_format},
        )
    if frames * width * height > settings.MAX_IMAGE_PIXELS:
        raise ValidationError(too_many_pixels_message(width, height, frames), code="too_many_pixels")
    return ImageInfo(image_format, width, height, frames)


def count_gif_frames(data):
    """The frames of a GIF, counted from the lengths of its blocks: Pillow decodes each frame to count them."""
    if len(data) < 13:
        return 1
    position, frames, blocks = 13, 0, 0
    if data[10] & 0x80:  # a global colour table
        position += 3 << ((data[10] & 7) + 1)
    while position < len(data) and data[position] in (0x2C, 0x21):
        if data[position] == 0x2C:  # a frame: its descriptor, a local colour table, the code size
            frames += 1
            flags = data[position + 9] if position + 9 < len(data) else 0
            position += 11 + ((3 << ((flags & 7) + 1)) if flags & 0x80 else 0)
        else:  # an extension and its label
            position += 2
        while position < len(data) and data[position]:
            position += data[position] + 1
            blocks += 1
        position += 1
        if blocks > MAXIMUM_GIF_BLOCKS:
            raise ValidationError(
                _("This GIF is cut into more pieces than any picture needs. Save it again from an image editor."),
                code="not_an_image",
            )
    return max(frames, 1)


def too_many_pixels_message(width=None, height=None, frames=1):
    limit = f"{settings.MAX_IMAGE_PIXELS:,}"
    if width is None:
        return _("This picture has too many pixels (more than %(limit)s). Upload a smaller version.") % {"limit": limit}
    if frames > 1:
        return _(
            "This animation has %(frames)s frames of %(width)s × %(height)s pixels, more than the %(limit)s pixels "
            "accepted. Upload a smaller version."
        ) % {"frames": f"{frames:,}", "width": width, "height": height, "limit": limit}
    return _(
        "This picture is %(width)s × %(height)s pixels, more than the %(limit)s pixels accepted. Upload a smaller version."
    ) % {"width": width, "height": height, "limit": limit}


def clean_image_upload(file):
    """The upload, checked and re-encoded without metadata, as a file with a generated name.

    An animation is stored as its first frame: the article shows a still picture."""
    if file.size > settings.MAX_IMAGE_BYTES:
        raise ValidationError(
            _("This file is %(size)s; pictures up to %(limit)s are accepted. Upload a smaller version."),
            code="file_too_large",
            params={"size": filesizeformat(file.size), "limit": filesizeformat(settings.MAX_IMAGE_BYTES)},
        )
    info = inspect_image(file)
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        image = Image.open(file)
        image.load()
    content = reencode(image, info.format)
    name = f"{uuid.uuid4().hex}.{ALLOWED_FORMATS[info.format]}"
    return SimpleUploadedFile(name, content, content_type=MEDIA_TYPES[info.format])


def reencode(image, image_format):
    """The first frame's pixels in `image_format`, upright, with no EXIF, XMP or comments."""
    output = io.BytesIO()
    icc_profile = image.info.get("icc_profile")
    upright = ImageOps.exif_transpose(image)
    upright.info = {key: value for key, value in upright.info.items() if key in KEPT_INFO}
    options = {"icc_profile": icc_profile} if icc_profile else {}
    if image_format == "GIF":
        upright.save(output, "GIF")
    elif image_format == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright = upright.convert("RGB")
        upright.save(output, "JPEG", quality=90, optimize=True, **options)
    elif image_format == "WEBP":
        upright.save(output, "WEBP", quality=90, **options)
    else:
        upright.save(output, "PNG", optimize=True, **options)
    return output.getvalue()


class CheckedImageField(forms.ImageField):
    """An image upload accepted by content and stored re-encoded under a generated name."""

    # The extension says nothing about the content; inspect_image decides.
    default_validators = []

    def widget_attrs(self, widget):
        # What the file chooser offers; the content is still what decides.
        return {**super().widget_attrs(widget), "accept": ",".join(MEDIA_TYPES.values())}

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return clean_image_upload(upload)


# Renditions


def rendition_widths(width):
    """The widths to make for a picture `width` pixels wide: never wider than the original."""
    if not width:
        return []
    narrower = [candidate for candidate in RENDITION_WIDTHS if candidate < width]
    return narrower if width > RENDITION_WIDTHS[-1] else [*narrower, width]


def fallback_extension(name):
    """JPEG for photographs; PNG keeps the transparency and sharp edges of PNGs and GIFs."""
    return "png" if os.path.splitext(name)[1].lower() in (".png", ".gif") else "jpg"


def rendition_name(name, width, extension):
    stem = os.path.splitext(name)[0]
    return f"{RENDITIONS_DIR}/{stem}-{width}w.{extension}"


def generate_renditions(figure):
    """Write the renditions of a LeadFigure or Figure's image; returns the names written.

    Called by the admin after a figure's image is saved, and by ``manage.py build_renditions``.
    An animated GIF is left as it is: readers get the original.
    """
    if not figure.image:
        return []
    with figure.image.open("rb") as stored:
        image = Image.open(stored)
        if getattr(image, "is_animated", False):
            return []
        image.load()
    image = ImageOps.exif_transpose(image)
    fallback = fallback_extension(figure.image.name)
    written = []
    for width in rendition_widths(image.width):
        height = max(1, round(image.height * width / image.width))
        resized = image.resize((width, height), Image.Resampling.LANCZOS)
        for extension in ("webp", fallback):
            output = io.BytesIO()
            if extension == "jpg":
                resized.convert("RGB").save(output, "JPEG", quality=82, optimize=True, progressive=True)
            elif extension == "png":
                resized.save(output, "PNG", optimize=True)
            else:
                resized.save(output, "WEBP", quality=80)
            name = rendition_name(figure.image.name, width, extension)
            default_storage.delete(name)
            written.append(default_storage.save(name, io.BytesIO(output.getvalue())))
    # Pages show renditions once their files exist: pages cached or stored before then must go.
    content_changed()
    note_rows(type(figure)._default_manager.filter(pk=figure.pk))
    return written


@dataclass(frozen=True)
class Renditions:
    webp_srcset: str
    fallback_srcset: str
    fallback_type: str
    src: str
    sizes: str = RENDITION_SIZES


def renditions_for(figure):
    """The srcsets of a figure's renditions, computed from its fields without a query.

    None when the figure has no image or its renditions have not been made yet (one file
    check), so that the page falls back to the original.
    """
    if not figure.image or not figure.image_width:
        return None
    name = figure.image.name
    widths = rendition_widths(figure.image_width)
    fallback = fallback_extension(name)
    if not default_storage.exists(rendition_name(name, widths[-1], fallback)):
        return None

    def srcset(extension):
        return ", ".join(f"{default_storage.url(rendition_name(name, width, extension))} {width}w" for width in widths)

    return Renditions(
        webp_srcset=srcset("webp"),
        fallback_srcset=srcset(fallback),
        fallback_type="image/png" if fallback == "png" else "image/jpeg",
        src=default_storage.url(rendition_name(name, widths[-1], fallback)),
    )


def thumbnail_url(figure):
    """The smallest WebP rendition of a figure's stored image, else the image itself, else None."""
    # An upload refused by the form is not stored yet: there is nothing to show.
    if not figure or not figure.image or not getattr(figure.image, "_committed", True):
        return None
    name = (
        rendition_name(figure.image.name, rendition_widths(figure.image_width)[0], "webp") if figure.image_width else ""
    )
    return default_storage.url(name) if name and default_storage.exists(name) else figure.image.url


def thumbnail(figure):
    """A small picture of the figure's image for the admin, or a dash."""
    url = thumbnail_url(figure)
    if url is None:
        return "—"
    return format_html(
        '<img src="{}" alt="{}" class="admin-thumbnail">',
        url,
        figure.alt_text,
    )
