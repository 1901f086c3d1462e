"""Privacy guard: fail the build when a page would load anything from another host.

Binds MkDocs events to `handbook.reader.privacy_guard.PrivacyGuardHook` (README, "Privacy").
"""

from handbook.reader.privacy_guard import PrivacyGuardHook

guard = PrivacyGuardHook()

on_post_page = guard.on_post_page
