"""The Flask glue both blueprints share: form fields, languages, error pages, security headers, templates, serving."""
