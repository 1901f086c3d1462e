"""Print the whole handbook: the print page of each language gets every chapter.

Binds MkDocs events to `handbook.reader.print_hook.PrintHandbookHook` (README, "Printing").
"""

from handbook.reader.print_hook import PrintHandbookHook

printing = PrintHandbookHook()

on_config = printing.on_config
on_page_context = printing.on_page_context
on_post_page = printing.on_post_page
