"""Practice profiles: validated practice data shown as cards, an index and practices.json.

Binds MkDocs events to `handbook.practices.hook.PracticeProfileHook` (README, "Practice profiles").
"""

from handbook.practices.hook import PracticeProfileHook

profiles = PracticeProfileHook()

on_startup = profiles.on_startup
on_build_error = profiles.on_build_error
on_pre_build = profiles.on_pre_build
on_page_markdown = profiles.on_page_markdown
on_page_context = profiles.on_page_context
on_post_build = profiles.on_post_build
