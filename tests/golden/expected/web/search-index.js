/* The search index of the web edition, loaded as a script (bindery.js):
 * [address, article, heading, text] per article and section. */
window.BINDERY_SEARCH = [
["text/intro.html","About this book","About this book","What the book covers. This book is about the bones. Read and the help page."],
["text/intro.html#how","About this book","How to read it","Start at the beginning."],
["text/help.html","When to get help","When to get help","Signs that need care today. Act now Call the number your care team gave you for day and night if a bone hurts suddenly. To tell us about a mistake in this book, call the care team who gave you this book."],
["text/bones.html","Bones and breaks","Bones and breaks","How cancer can weaken bone. A skeletal-related event is serious. A square and a circle. Two shapes. A blue square on the left and a brown circle on the right."],
["text/bones.html#breaks","Bones and breaks","Breaks","See a website. Signs Sign Action Pain Call One Two"],
["text/bones.html#small-breaks","Bones and breaks","Small breaks","First"],
["text/coping.html","Coping day to day","Coping day to day","Small things that help, with bold advice & a mail link. Keep a bone diary. See , small breaks and ."],
["text/coping.html#sleep","Coping day to day","Sleep","Rest with white space."],
["text/notes.html","Notes","Notes","Where the facts come from. A note Everything here is made up for testing, including \"quotes\" <and> marks."],
];
